namespace Orleans.Tuning.Model.Search;

/// <summary>
/// The full product of a few levels per dimension, to compare against random search: a grid
/// tries only <c>pointsPerDimension</c> values of the one dimension that matters.
/// </summary>
/// <remarks>
/// Continuous dimensions get evenly spaced levels including both bounds; integer dimensions
/// get every integer when there are few enough, and categorical ones every choice.
/// The order is diagonal rather than odometer-like: index i is written as mixed-radix digits
/// (the dimension with most levels varies fastest) and dimension d takes level
/// (digit_d + the digits before it) mod its level count. That is a bijection onto the grid, and
/// its first points step through every dimension at once, so a generation cut from the front
/// of the grid sees every level of every dimension rather than the first level of all but one.
/// The grid is finite: indices from <see cref="Count"/> on are rejected.
/// </remarks>
public sealed class GridSampler : ISampler
{
    private readonly IReadOnlyList<double>[] levels;
    private readonly int[] digitOrder; // dimensions, fastest-varying digit first

    public GridSampler(SearchSpace space, int pointsPerDimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerDimension, 1);
        levels = space.Dimensions.Select(d => d.Scale.GridLevels(pointsPerDimension)).ToArray();
        Count = levels.Aggregate(1, (product, l) => checked(product * l.Count));
        digitOrder = [.. Enumerable.Range(0, levels.Length).OrderByDescending(d => levels[d].Count).ThenBy(d => d)];
    }

    public int Dimensions => levels.Length;

    public int Count { get; }

    public double[] Sample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var point = new double[levels.Length];
        var before = 0;
        foreach (var d in digitOrder)
        {
            var count = levels[d].Count;
            var digit = index % count;
            index /= count;
            point[d] = levels[d][(digit + before) % count];
            before += digit;
        }
        return point;
    }
}
