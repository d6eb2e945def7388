namespace Orleans.Tuning.Model.Specs;

/// <summary>When a study stops: after whichever of trials, total epochs or wall time runs out first (at least one is given).</summary>
/// <param name="EpochsPerRound">Epochs a trial trains between two reports, the grain of every stop or exploit decision.</param>
/// <param name="MaxEpochsPerTrial">No trial trains longer, whatever the scheduler decides.</param>
public sealed record BudgetSpec(
    int? Trials = null,
    int? TotalEpochs = null,
    TimeSpan? WallTime = null,
    int EpochsPerRound = 1,
    int MaxEpochsPerTrial = 20);
