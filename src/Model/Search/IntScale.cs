namespace Orleans.Tuning.Model.Search;

/// <summary>Uniform over the integers min..max inclusive, each with the same mass: for counts such as the number of layers.</summary>
public sealed record IntScale : IntegerScale
{
    public IntScale(double min, double max) : base(min, max)
    {
    }

    protected override double CentreOf(int integer) => (integer - Min + 0.5) / Count;

    protected override double IntegerAt(double u) => Min + Math.Floor(u * Count);
}
