using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Synthetic;

/// <summary>A test function with a known minimum, standing in for training: a search strategy is measured on it in milliseconds.</summary>
/// <remarks>
/// The standard problems of the Bayesian-optimisation literature (and of Optuna's and SMAC's own benchmarks), so a
/// sampler's figures here compare with theirs. Lower is better, as the papers state them; a study minimises the value as its loss.
/// </remarks>
public abstract class SyntheticObjective
{
    public abstract string Name { get; }

    /// <summary>The function's domain, one linear dimension per argument (x1, x2, ...).</summary>
    public abstract SearchSpace Space { get; }

    /// <summary>The global minimum value f*.</summary>
    public abstract double Minimum { get; }

    /// <summary>f at the arguments in <paramref name="configuration"/> (x1, x2, ... in order).</summary>
    public double Evaluate(Configuration configuration) =>
        Evaluate([.. Space.Dimensions.Select(d => configuration.GetDouble(d.Name))]);

    public abstract double Evaluate(IReadOnlyList<double> x);

    /// <summary>A two-objective function's second value (minimised too); null for a function of one value.</summary>
    public virtual double? Second(IReadOnlyList<double> x) => null;

    /// <summary>The second value at the arguments in <paramref name="configuration"/>.</summary>
    public double? Second(Configuration configuration) =>
        Second([.. Space.Dimensions.Select(d => configuration.GetDouble(d.Name))]);

    public bool HasTwoValues => Second([.. Space.Dimensions.Select(_ => 0.5)]) is not null;

    /// <summary>Every objective by its name, as the benchmark and a spec name them.</summary>
    public static IReadOnlyDictionary<string, SyntheticObjective> All { get; } = new Dictionary<string, SyntheticObjective>
    {
        ["branin"] = new Branin(),
        ["hartmann6"] = new Hartmann6(),
        ["zdt1"] = new Zdt1(),
    };

    protected static SearchSpace Box(params (double Min, double Max)[] bounds) =>
        new(bounds.Select((b, i) => Dimension.Linear($"x{i + 1}", b.Min, b.Max)));
}
