namespace Orleans.Tuning.Model.Scheduling;

/// <summary>What a trial reports after a round: its score (higher is better; callers map a loss to −loss), rounds counted from 1.</summary>
public sealed record RoundResult(int Trial, int Round, double Score);
