using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Synthetic;

/// <summary>
/// ZDT1 (Zitzler, Deb and Thiele 2000) with two arguments on [0, 1]²: two values to minimise, f1 = x1 and
/// f2 = g·(1 − √(x1/g)) with g = 1 + 9·x2. Its Pareto front is x2 = 0: f2 = 1 − √f1 for f1 in [0, 1].
/// </summary>
/// <remarks>The standard first test of a multi-objective optimiser: a convex front, known exactly, so a study's front can be checked against it.</remarks>
public sealed class Zdt1 : SyntheticObjective
{
    public override string Name => "zdt1";

    public override SearchSpace Space { get; } = Box((0, 1), (0, 1));

    /// <summary>The minimum of f1 alone (at x1 = 0).</summary>
    public override double Minimum => 0;

    public override double Evaluate(IReadOnlyList<double> x) => x[0];

    public override double? Second(IReadOnlyList<double> x)
    {
        var g = 1 + 9 * x[1];
        return g * (1 - Math.Sqrt(x[0] / g));
    }

    /// <summary>The front's f2 at <paramref name="f1"/>.</summary>
    public static double Front(double f1) => 1 - Math.Sqrt(f1);
}
