namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Every score one configuration earned: the original run and the re-tests from scratch with fresh seeds.</summary>
public sealed record TrialRuns(int Trial, double Original, double[] Retests);
