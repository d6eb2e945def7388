namespace Orleans.Tuning.Model.Search;

/// <summary>Independent uniform points of the unit cube: the default, because it tries a new value of every dimension on every trial.</summary>
public sealed class RandomSampler : ISampler
{
    private readonly int seed;

    public RandomSampler(int dimensions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
        this.seed = seed;
    }

    public int Dimensions { get; }

    public double[] Sample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var random = new SplitMix64(seed, index);
        var point = new double[Dimensions];
        for (var d = 0; d < point.Length; d++)
            point[d] = random.NextDouble();
        return point;
    }
}
