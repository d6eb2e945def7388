using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Studies;

/// <summary>One round as the study recorded it, with the score and hyperparameters it was judged on.</summary>
public sealed record RecordedRound(RoundReport Report, double Score, double BaseLearningRate, Configuration Hyperparameters, string Decision);
