namespace Orleans.Tuning.Model.Scheduling;

/// <summary>A finished trial as the re-test step sees it: the score it is ranked by and how often it has been re-tested.</summary>
public sealed record TrialScore(int Trial, double Score, int Retests);
