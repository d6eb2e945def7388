namespace Orleans.Tuning.Model.Search;

/// <summary>The values a trial can take, seen from the unit cube: which coordinates are discrete, and how a point snaps onto them.</summary>
/// <remarks>
/// A model-based sampler reasons in u, but an integer or a categorical dimension maps a whole interval of u to
/// one value. Snapping every point to the centre of its interval (the scale's own round trip) makes two points
/// that train the same network equal, so "already tried" is exact equality and a model sees one point, not many.
/// </remarks>
public sealed class Lattice
{
    private readonly Scale[] scales;
    private readonly int[] levels; // per dimension: 0 when continuous
    private readonly bool[] categorical;

    public Lattice(SearchSpace space)
    {
        scales = [.. space.Dimensions.Select(d => d.Scale)];
        levels = [.. scales.Select(s => s switch
        {
            CategoricalScale c => c.Choices.Count,
            IntegerScale i => (int)Math.Min(i.Count, int.MaxValue),
            _ => 0,
        })];
        categorical = [.. scales.Select(s => s is CategoricalScale)];
        Capacity = levels.Any(l => l == 0) ? long.MaxValue
            : levels.Aggregate(1L, (product, l) => product > long.MaxValue / l ? long.MaxValue : product * l);
    }

    public int Dimensions => scales.Length;

    /// <summary>Distinct points of the space: the product of levels, or <see cref="long.MaxValue"/> with a continuous dimension.</summary>
    public long Capacity { get; }

    /// <summary>Levels of dimension <paramref name="d"/>, 0 for a continuous one.</summary>
    public int Levels(int d) => levels[d];

    public bool IsCategorical(int d) => categorical[d];

    /// <summary>Coordinate <paramref name="u"/> of dimension <paramref name="d"/>, clamped to [0, 1] and, when discrete, moved to the centre of its value's interval.</summary>
    public double Snap(int d, double u)
    {
        u = Math.Clamp(u, 0, 1);
        return levels[d] == 0 ? u : scales[d].ToUnit(scales[d].ToValue(u));
    }

    public double[] Snap(IReadOnlyList<double> point)
    {
        var snapped = new double[point.Count];
        for (var d = 0; d < snapped.Length; d++) snapped[d] = Snap(d, point[d]);
        return snapped;
    }

    /// <summary>The u of level <paramref name="i"/> of a discrete dimension: its i-th integer or choice.</summary>
    public double LevelCentre(int d, int i) => scales[d] switch
    {
        IntegerScale s => s.ToUnit(s.Min + i),
        CategoricalScale c => c.ToUnit(c.Choices[i]),
        _ => throw new InvalidOperationException($"dimension {d} is continuous"),
    };

    /// <summary>The level index of a discrete coordinate (a categorical choice), for kernels that compare choices rather than distances.</summary>
    public int LevelOf(int d, double u) => Math.Min((int)(u * levels[d]), levels[d] - 1);
}
