namespace Orleans.Tuning.Model.Search;

/// <summary>
/// What coarse to fine learns about one dimension: the best <see cref="KeepFraction"/> of the scored points on
/// which it acted (at least one), kept up to date point by point.
/// </summary>
/// <remarks>
/// A study narrows its region at every generation end from its whole history. Re-ranking that history each time
/// costs O(n log n) per generation, O(n² log n) over a study, which at 100 000 trials is most of what a silo
/// does; kept incrementally, a point costs O(log n) when its score or coordinate changes and a narrowing reads
/// the kept points' extent in O(1). Points rank by score, higher first, ties to the lower id (the earlier trial).
/// </remarks>
public sealed class DimensionEvidence
{
    private SortedSet<(double Score, int Id)> _kept = new(BestFirst.Instance);
    private SortedSet<(double Score, int Id)> _rest = new(BestFirst.Instance);
    private readonly Dictionary<int, (double Score, double Value)> _points = [];
    private SortedSet<(double Value, int Id)> _keptValues = [];
    private readonly int[] _keptPerLevel;

    /// <param name="levels">The dimension's levels if it is discrete (its values are counted per level), 0 for an interval.</param>
    public DimensionEvidence(double keepFraction, int levels)
    {
        if (!(keepFraction > 0 && keepFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(keepFraction), keepFraction, "must lie in (0, 1]");
        ArgumentOutOfRangeException.ThrowIfNegative(levels);
        KeepFraction = keepFraction;
        _keptPerLevel = new int[levels];
    }

    public double KeepFraction { get; }

    /// <summary>Points scored on this dimension (diverged ones and those on which it did not act are not).</summary>
    public int Count => _points.Count;

    public int KeptCount => _kept.Count;

    /// <summary>The coordinate of the best point; NaN when there is none.</summary>
    public double Best => _kept.Count > 0 ? _points[_kept.Min.Id].Value : double.NaN;

    /// <summary>The extent of the kept points' coordinates.</summary>
    public double KeptLow => _keptValues.Count > 0 ? _keptValues.Min.Value : double.NaN;
    public double KeptHigh => _keptValues.Count > 0 ? _keptValues.Max.Value : double.NaN;

    /// <summary>For a discrete dimension, how many kept points fall on each level.</summary>
    public IReadOnlyList<int> KeptPerLevel => _keptPerLevel;

    /// <summary>Adds point <paramref name="id"/>, or moves it to its new score and coordinate; a NaN score removes it.</summary>
    public void Set(int id, double score, double value)
    {
        if (_points.TryGetValue(id, out var old) && old.Score.Equals(score) && old.Value.Equals(value)) return;
        Remove(id);
        if (double.IsNaN(score)) return;
        _points[id] = (score, value);
        var key = (score, id);
        if (_kept.Count > 0 && BestFirst.Instance.Compare(key, _kept.Max) < 0) Keep(key);
        else _rest.Add(key);
        Rebalance();
    }

    /// <summary>Fills an empty dimension with many points at once: the state <see cref="Set"/> would reach point by point, from one sort.</summary>
    /// <remarks>A restored study rebuilds its evidence from every trial; a hundred thousand one-by-one insertions cost seconds.</remarks>
    public void Load(IEnumerable<(int Id, double Score, double Value)> points)
    {
        if (_points.Count > 0) throw new InvalidOperationException("load into an empty dimension");
        foreach (var (id, score, value) in points)
            if (!double.IsNaN(score)) _points[id] = (score, value);
        var ranked = _points.Select(p => (p.Value.Score, Id: p.Key)).Order(BestFirst.Instance).ToArray();
        var target = ranked.Length == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(KeepFraction * ranked.Length));
        _kept = new SortedSet<(double Score, int Id)>(ranked[..target], BestFirst.Instance);
        _rest = new SortedSet<(double Score, int Id)>(ranked[target..], BestFirst.Instance);
        _keptValues = new SortedSet<(double Value, int Id)>(ranked[..target].Select(k => (_points[k.Id].Value, k.Id)));
        foreach (var (value, _) in _keptValues)
            if (_keptPerLevel.Length > 0) _keptPerLevel[Level(value)]++;
    }

    public void Remove(int id)
    {
        if (!_points.TryGetValue(id, out var old)) return;
        var key = (old.Score, id);
        if (_kept.Contains(key)) Drop(key);
        else _rest.Remove(key);
        _points.Remove(id);
        Rebalance();
    }

    // The kept part is the first ceil(fraction · n) by rank, and every kept point ranks before every other one.
    private void Rebalance()
    {
        var target = _points.Count == 0 ? 0 : Math.Max(1, (int)Math.Ceiling(KeepFraction * _points.Count));
        while (_kept.Count > target)
        {
            var worst = _kept.Max;
            Drop(worst);
            _rest.Add(worst);
        }
        while (_kept.Count < target && _rest.Count > 0)
        {
            var next = _rest.Min;
            _rest.Remove(next);
            Keep(next);
        }
    }

    private void Keep((double Score, int Id) key)
    {
        _kept.Add(key);
        var value = _points[key.Id].Value;
        _keptValues.Add((value, key.Id));
        if (_keptPerLevel.Length > 0) _keptPerLevel[Level(value)]++;
    }

    private void Drop((double Score, int Id) key)
    {
        _kept.Remove(key);
        var value = _points[key.Id].Value;
        _keptValues.Remove((value, key.Id));
        if (_keptPerLevel.Length > 0) _keptPerLevel[Level(value)]--;
    }

    private int Level(double u) => Math.Min((int)(u * _keptPerLevel.Length), _keptPerLevel.Length - 1);
}
