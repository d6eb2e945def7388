using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Coarse to fine: after a generation, the next one samples densely in the box around its best trials.</summary>
/// <remarks>
/// The course's advice: the best point and the points near it tend to do well, so zoom in and
/// sample more densely there. The margin lets the box drift outward when the best trials sit on
/// its edge (the optimum may lie beyond it), and the floor keeps the search from collapsing to a point.
/// </remarks>
public static class CoarseToFine
{
    /// <summary>
    /// The region for the next generation from this generation's (unit-cube point, score) pairs; the current
    /// region when there is nothing to learn from (no trial finished, or every one diverged).
    /// </summary>
    public static Region NextRegion(Region current, IEnumerable<(double[] Point, double Score)> generation, CoarseToFineOptions options)
    {
        var scored = generation.Where(g => !double.IsNaN(g.Score)).ToArray();
        if (scored.Length == 0)
            return current;
        if (scored.Any(s => s.Point.Length != current.Dimensions))
            throw new ArgumentException($"every point must have the region's {current.Dimensions} coordinates", nameof(generation));
        return Region.Narrow(scored, options.KeepFraction, options.Margin, options.Floor);
    }
}
