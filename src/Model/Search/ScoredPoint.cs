namespace Orleans.Tuning.Model.Search;

/// <summary>A trial as coarse-to-fine sees it: its point in the unit cube, its score (higher is better, NaN if it diverged), and which dimensions acted.</summary>
/// <param name="Active">Per dimension, whether it acted on this trial (momentum does not when the optimizer is Adam); null: all did.</param>
public sealed record ScoredPoint(double[] Point, double Score, bool[]? Active = null);
