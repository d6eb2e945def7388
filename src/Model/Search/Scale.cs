namespace Orleans.Tuning.Model.Search;

/// <summary>How a dimension spends the unit interval: maps u ∈ [0,1] to a value, and a value back to its u.</summary>
/// <remarks>
/// Samplers, region narrowing and perturbation work on u only, so the scale is the one place
/// that knows a learning rate is searched per decade. The inverse exists so an existing
/// configuration can be placed back into the unit cube.
/// </remarks>
public abstract record Scale
{
    public ParameterValue ToValue(double u)
    {
        if (!(u >= 0 && u <= 1))
            throw new ArgumentOutOfRangeException(nameof(u), u, "must lie in [0, 1]");
        return FromUnit(u);
    }

    /// <summary>The u that maps to <paramref name="value"/>; for a discrete value, the centre of the u-interval it owns.</summary>
    public abstract double ToUnit(ParameterValue value);

    /// <summary>The u coordinates a grid search visits on this dimension.</summary>
    public virtual IReadOnlyList<double> GridLevels(int points)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 1);
        return points == 1
            ? [0.5]
            : Enumerable.Range(0, points).Select(i => i / (points - 1.0)).ToArray();
    }

    /// <summary>
    /// Explore's step in population-based training: the u of this dimension's value moved by <paramref name="factor"/>
    /// (0.8 or 1.2) on the dimension's own scale, within its bounds. A plain value is multiplied, as the PBT paper does.
    /// </summary>
    public virtual double Perturb(double u, double factor) => Step(u, x => x * factor);

    protected abstract ParameterValue FromUnit(double u);

    // Moves the value, clamps it to [min, max] and maps it back to u.
    private protected double Step(double u, Func<double, double> move)
    {
        var (min, max) = Bounds;
        return ToUnit(Math.Clamp(move(ToValue(u).Number), min, max));
    }

    private protected virtual (double Min, double Max) Bounds => (0, 1);

    protected static void RequireOrdered(double min, double max)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max))
            throw new SearchSpaceException($"bounds must be finite (min={min}, max={max})");
        if (min >= max)
            throw new SearchSpaceException($"min must be < max (min={min}, max={max})");
    }

    protected static double RequireWithin(ParameterValue value, double min, double max)
    {
        var x = value.Number;
        if (!(x >= min && x <= max))
            throw new ArgumentOutOfRangeException(nameof(value), x, $"must lie in [{min}, {max}]");
        return x;
    }
}
