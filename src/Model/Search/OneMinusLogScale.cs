namespace Orleans.Tuning.Model.Search;

/// <summary>
/// β = 1 − 10^r with r uniform between log10(1 − min) and log10(1 − max): for exponentially
/// weighted averages, where 0.9 → 0.99 and 0.99 → 0.999 matter equally (averaging over 10, 100, 1000 steps).
/// </summary>
public sealed record OneMinusLogScale : Scale
{
    private readonly double logGapAtMin;
    private readonly double logGapAtMax;

    public OneMinusLogScale(double min, double max)
    {
        RequireOrdered(min, max);
        if (min <= 0 || max >= 1)
            throw new SearchSpaceException("bounds must lie in (0, 1) on a one-minus-log scale");
        Min = min;
        Max = max;
        logGapAtMin = Math.Log10(1 - min);
        logGapAtMax = Math.Log10(1 - max);
    }

    public double Min { get; }
    public double Max { get; }

    public override double ToUnit(ParameterValue value) =>
        Math.Clamp((Math.Log10(1 - RequireWithin(value, Min, Max)) - logGapAtMin) / (logGapAtMax - logGapAtMin), 0, 1);

    private protected override (double Min, double Max) Bounds => (Min, Max);

    /// <summary>β moves by a factor of its gap to 1: 0.99 becomes 0.992 or 0.988, so the memory 1/(1 − β) scales.</summary>
    public override double Perturb(double u, double factor) => Step(u, beta => 1 - (1 - beta) * factor);

    // u grows with β, so a larger u always means a longer memory.
    protected override ParameterValue FromUnit(double u) =>
        Math.Clamp(1 - Math.Pow(10, logGapAtMin + u * (logGapAtMax - logGapAtMin)), Min, Max);
}
