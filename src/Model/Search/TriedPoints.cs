namespace Orleans.Tuning.Model.Search;

/// <summary>The points a study has already tried (ended or running), for "never suggest one again".</summary>
/// <remarks>
/// A linear scan rather than a hash set: a suggestion checks a handful of candidates, while hashing the whole
/// history would cost more than the scans on every call at ten thousand trials.
/// </remarks>
internal sealed class TriedPoints(IReadOnlyList<ScoredPoint> finished, IReadOnlyList<double[]> running)
{
    public int Count => finished.Count + running.Count;

    public bool Contains(double[] point)
    {
        foreach (var f in finished)
        {
            if (f.Point.AsSpan().SequenceEqual(point)) return true;
        }
        foreach (var r in running)
        {
            if (r.AsSpan().SequenceEqual(point)) return true;
        }
        return false;
    }
}
