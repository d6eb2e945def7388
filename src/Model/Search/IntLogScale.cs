namespace Orleans.Tuning.Model.Search;

/// <summary>Integers min..max on a log scale: each doubling gets about the same mass, as the number of hidden units (16..1024) needs.</summary>
/// <remarks>
/// The continuous range is [min − ½, max + ½] in log space and values round to the nearest
/// integer, so the end points own a full rounding interval like every other integer.
/// </remarks>
public sealed record IntLogScale : IntegerScale
{
    private readonly double logLow;
    private readonly double logHigh;

    public IntLogScale(double min, double max) : base(min, max)
    {
        if (min < 1)
            throw new SearchSpaceException("min must be >= 1 on an int-log scale");
        logLow = Math.Log10(Min - 0.5);
        logHigh = Math.Log10(Max + 0.5);
    }

    protected override double CentreOf(int integer) =>
        ((Math.Log10(integer - 0.5) + Math.Log10(integer + 0.5)) / 2 - logLow) / (logHigh - logLow);

    protected override double IntegerAt(double u) => Math.Floor(Math.Pow(10, logLow + u * (logHigh - logLow)) + 0.5);
}
