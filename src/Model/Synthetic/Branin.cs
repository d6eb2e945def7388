using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Synthetic;

/// <summary>Branin–Hoo on [−5, 10] × [0, 15]: three global minima of 0.397887, at (−π, 12.275), (π, 2.275) and (9.42478, 2.475).</summary>
public sealed class Branin : SyntheticObjective
{
    private const double B = 5.1 / (4 * Math.PI * Math.PI);
    private const double C = 5 / Math.PI;
    private const double T = 1 / (8 * Math.PI);

    public override string Name => "branin";

    public override SearchSpace Space { get; } = Box((-5, 10), (0, 15));

    public override double Minimum => 0.397887;

    public override double Evaluate(IReadOnlyList<double> x)
    {
        var (x1, x2) = (x[0], x[1]);
        var a = x2 - B * x1 * x1 + C * x1 - 6;
        return a * a + 10 * (1 - T) * Math.Cos(x1) + 10;
    }
}
