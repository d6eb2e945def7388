namespace Orleans.Tuning.Model.Scheduling;

/// <summary>One round of a trial as a policy sees it: its score (higher is better; callers map a loss to −loss), rounds counted from 1.</summary>
/// <param name="TrainLoss">The panda watches the training curve for divergence; stopping rules read only the score.</param>
/// <param name="LearningRate">The rate the round trained with, so the panda gives a new rate its full patience before judging it.</param>
public sealed record RoundResult(int Trial, int Round, double Score, double TrainLoss = double.NaN, double LearningRate = double.NaN);
