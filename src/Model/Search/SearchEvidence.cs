namespace Orleans.Tuning.Model.Search;

/// <summary>
/// Coarse to fine's evidence, dimension by dimension: the scored points so far, each counted on the dimensions that
/// acted on it. <see cref="Region.Narrow(SearchEvidence, double, double)"/> reads it.
/// </summary>
public sealed class SearchEvidence
{
    private readonly DimensionEvidence[] _dimensions;

    /// <summary>Evidence for the dimensions of <paramref name="region"/>: discrete ones are counted per level.</summary>
    public SearchEvidence(Region region, double keepFraction) =>
        _dimensions = [.. region.Weights.Select(w => new DimensionEvidence(keepFraction, w?.Length ?? 0))];

    public int Dimensions => _dimensions.Length;

    public DimensionEvidence this[int dimension] => _dimensions[dimension];

    /// <summary>No dimension has a point to learn from: every one so far diverged, or none was scored.</summary>
    public bool IsEmpty => _dimensions.All(d => d.Count == 0);

    /// <summary>Point <paramref name="id"/> now scores <paramref name="score"/> (NaN: it teaches nothing) at <paramref name="point"/>.</summary>
    /// <param name="active">Per dimension, whether it acted on this point; null: all did.</param>
    public void Set(int id, double[] point, double score, bool[]? active = null)
    {
        if (point.Length != _dimensions.Length || point.Any(x => !(x >= 0 && x <= 1)) || (active is not null && active.Length != _dimensions.Length))
            throw new ArgumentException($"a point needs {_dimensions.Length} coordinates in [0, 1]", nameof(point));
        for (var d = 0; d < _dimensions.Length; d++)
        {
            if (active?[d] ?? true) _dimensions[d].Set(id, score, point[d]);
            else _dimensions[d].Remove(id);
        }
    }

    /// <summary>Fills empty evidence with many points at once, as <see cref="Set"/> would one by one.</summary>
    public void Load(IReadOnlyList<(int Id, double[] Point, double Score, bool[] Active)> points)
    {
        for (var d = 0; d < _dimensions.Length; d++)
            _dimensions[d].Load(points.Where(p => p.Active[d]).Select(p => (p.Id, p.Score, p.Point[d])));
    }

    public void Remove(int id)
    {
        foreach (var d in _dimensions) d.Remove(id);
    }
}
