namespace Orleans.Tuning.Model.Analysis;

/// <summary>A trial as two objectives see it: its score (higher is better) and its cost (lower is better).</summary>
public sealed record TwoObjectivePoint(int Trial, double Score, double Cost);

/// <summary>The trials no other trial beats on both objectives at once: the choices a person weighs against each other.</summary>
public static class ParetoFront
{
    /// <summary>The non-dominated points with a finite score and cost, cheapest first (so the score rises along the front).</summary>
    /// <remarks>
    /// Sorted by cost, then by score best first, a point is on the front exactly when it scores above every cheaper one: one sweep,
    /// O(n log n). Of two points equal on both objectives the earlier trial is kept.
    /// </remarks>
    public static IReadOnlyList<TwoObjectivePoint> Of(IEnumerable<TwoObjectivePoint> points)
    {
        var front = new List<TwoObjectivePoint>();
        var best = double.NegativeInfinity;
        foreach (var p in points.Where(p => double.IsFinite(p.Score) && double.IsFinite(p.Cost))
                     .OrderBy(p => p.Cost).ThenByDescending(p => p.Score).ThenBy(p => p.Trial))
        {
            if (p.Score <= best) continue;
            front.Add(p);
            best = p.Score;
        }
        return front;
    }
}
