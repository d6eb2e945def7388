using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Coarse to fine: after a generation, the next one samples more densely where the best trials so far lie.</summary>
/// <remarks>
/// The course's advice: the best point and the points near it tend to do well, so zoom in and
/// sample more densely there. The evidence is the whole history, not one generation, so one
/// lucky generation cannot shrink the space; <see cref="Region.Narrow(SearchEvidence, double, double)"/>
/// does the narrowing, dimension by dimension, from evidence a study keeps up to date trial by trial.
/// </remarks>
public static class CoarseToFine
{
    /// <summary>The region for the next generation from every scored trial so far; the current region when there is nothing to learn from.</summary>
    public static Region NextRegion(Region current, IReadOnlyList<ScoredPoint> history, CoarseToFineOptions options)
    {
        if (history.All(s => double.IsNaN(s.Score)))
            return current;
        if (history.Any(s => s.Point.Length != current.Dimensions))
            throw new ArgumentException($"every point must have the region's {current.Dimensions} coordinates", nameof(history));
        return current.Narrow(history, options.KeepFraction, options.Margin, options.Floor);
    }

    /// <summary>The region for the next generation from the evidence kept so far; the current region when there is nothing to learn from.</summary>
    public static Region NextRegion(Region current, SearchEvidence evidence, CoarseToFineOptions options) =>
        evidence.IsEmpty ? current : current.Narrow(evidence, options.Margin, options.Floor);

    public static Region NextRegion(Region current, IEnumerable<(double[] Point, double Score)> generation, CoarseToFineOptions options) =>
        NextRegion(current, [.. generation.Select(g => new ScoredPoint(g.Point, g.Score))], options);
}
