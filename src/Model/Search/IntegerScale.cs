namespace Orleans.Tuning.Model.Search;

/// <summary>A scale over the integers <see cref="Min"/>..<see cref="Max"/>: each integer owns an interval of u, its share of the mass.</summary>
public abstract record IntegerScale : Scale
{
    protected IntegerScale(double min, double max)
    {
        RequireOrdered(min, max);
        if (min != Math.Floor(min) || max != Math.Floor(max))
            throw new SearchSpaceException($"bounds must be integers (min={min}, max={max})");
        if (min < int.MinValue || max > int.MaxValue)
            throw new SearchSpaceException($"bounds must fit in a 32-bit integer (min={min}, max={max})");
        Min = (int)min;
        Max = (int)max;
    }

    public int Min { get; }
    public int Max { get; }
    public long Count => (long)Max - Min + 1;

    public sealed override double ToUnit(ParameterValue value)
    {
        var x = RequireWithin(value, Min, Max);
        if (x != Math.Floor(x))
            throw new ArgumentException($"{x} is not an integer", nameof(value));
        return CentreOf((int)x);
    }

    /// <summary>Every integer when there are no more of them than grid points, else evenly spaced ones.</summary>
    public sealed override IReadOnlyList<double> GridLevels(int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        var integers = Count <= points
            ? Enumerable.Range(Min, (int)Count)
            : base.GridLevels(points).Select(u => (int)ToValue(u).Number).Distinct();
        return integers.Select(CentreOf).ToArray();
    }

    private protected override (double Min, double Max) Bounds => (Min, Max);

    /// <summary>Multiplied and rounded; a step that rounds back to the same integer moves by one instead, so a small count can change.</summary>
    public sealed override double Perturb(double u, double factor) => Step(u, x =>
    {
        var y = Math.Round(x * factor);
        return y != x ? y : x + Math.Sign(factor - 1);
    });

    /// <summary>The middle of the u-interval that maps to <paramref name="integer"/>, so the round trip is exact.</summary>
    protected abstract double CentreOf(int integer);

    protected abstract double IntegerAt(double u);

    // Clamped because u = 1 lands on the upper edge of the last interval, just past max.
    protected sealed override ParameterValue FromUnit(double u) => Math.Clamp(IntegerAt(u), Min, Max);
}
