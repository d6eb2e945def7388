namespace Orleans.Tuning.Model.Scheduling;

/// <summary>A trial ranked by the mean of its runs, with the spread (sample standard deviation) that says how much luck was in it.</summary>
/// <param name="Bound">The lower bound the ranking sorts by: the mean less the pooled run-to-run deviation over √runs.</param>
public sealed record RankedTrial(int Trial, double Mean, double Spread, int Runs, double Bound);
