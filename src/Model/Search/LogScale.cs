namespace Orleans.Tuning.Model.Search;

/// <summary>value = 10^r with r uniform between log10(min) and log10(max): every decade gets the same share, as a learning rate needs.</summary>
public sealed record LogScale : Scale
{
    private readonly double logMin;
    private readonly double logMax;

    public LogScale(double min, double max)
    {
        RequireOrdered(min, max);
        if (min <= 0)
            throw new SearchSpaceException("min must be > 0 on a log scale");
        Min = min;
        Max = max;
        logMin = Math.Log10(min);
        logMax = Math.Log10(max);
    }

    public double Min { get; }
    public double Max { get; }

    public override double ToUnit(ParameterValue value) =>
        Math.Clamp((Math.Log10(RequireWithin(value, Min, Max)) - logMin) / (logMax - logMin), 0, 1);

    private protected override (double Min, double Max) Bounds => (Min, Max);

    // Clamped because 10^log10(x) is not always exactly x.
    protected override ParameterValue FromUnit(double u) =>
        Math.Clamp(Math.Pow(10, logMin + u * (logMax - logMin)), Min, Max);
}
