namespace Orleans.Tuning.Model.Search;

/// <summary>
/// The full product of a few levels per dimension, to compare against random search: a grid
/// tries only <c>pointsPerDimension</c> values of the one dimension that matters.
/// </summary>
/// <remarks>
/// Continuous dimensions get evenly spaced levels including both bounds; integer dimensions
/// get every integer when there are few enough, and categorical ones every choice.
/// The last dimension varies fastest. The grid is finite: indices from <see cref="Count"/> on are rejected.
/// </remarks>
public sealed class GridSampler : ISampler
{
    private readonly IReadOnlyList<double>[] levels;

    public GridSampler(SearchSpace space, int pointsPerDimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerDimension, 1);
        levels = space.Dimensions.Select(d => d.Scale.GridLevels(pointsPerDimension)).ToArray();
        Count = levels.Aggregate(1, (product, l) => checked(product * l.Count));
    }

    public int Dimensions => levels.Length;

    public int Count { get; }

    public double[] Sample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var point = new double[levels.Length];
        for (var d = levels.Length - 1; d >= 0; d--)
        {
            point[d] = levels[d][index % levels[d].Count];
            index /= levels[d].Count;
        }
        return point;
    }
}
