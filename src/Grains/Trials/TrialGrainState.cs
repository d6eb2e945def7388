namespace Orleans.Tuning.Grains.Trials;

/// <summary>What a trial persists after every round: enough to resume on any silo with the same round count.</summary>
[GenerateSerializer, Alias("Orleans.Tuning.TrialGrainState")]
public sealed class TrialGrainState
{
    [Id(0)] public TrialPlan? Plan { get; set; }
    [Id(1)] public TrialState State { get; set; }
    [Id(2)] public Model.Search.Configuration? Hyperparameters { get; set; }
    [Id(3)] public List<RoundMetrics> History { get; set; } = [];
    [Id(4)] public byte[]? Checkpoint { get; set; }
    /// <summary>The checkpoint before the last round, kept so a diverged round can be rolled back.</summary>
    [Id(5)] public byte[]? PreviousCheckpoint { get; set; }
    /// <summary>A learning rate the study set (panda's nudge or rollback) in place of the hyperparameter's.</summary>
    [Id(6)] public double? LearningRate { get; set; }
    [Id(7)] public string? Note { get; set; }
    /// <summary>Times the trial picked up from its persisted checkpoint in a new activation (after a deactivation or a silo failure).</summary>
    [Id(8)] public int Resumes { get; set; }

    public int Round => History.Count;
}
