namespace Orleans.Tuning.Model.Scheduling;

/// <summary>One round of a babysat model: training loss, validation score (higher is better) and the learning rate it trained with.</summary>
/// <remarks>The rate is part of the record so the panda can give a new rate its full patience before judging it.</remarks>
public sealed record RoundHistory(int Round, double TrainLoss, double ValidationScore, double LearningRate);
