namespace Orleans.Tuning.Grains.Trials;

/// <summary>What a trial trains: its study, its number, its searched and fixed hyperparameters, its data, its seed and its round length.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.TrialPlan")]
public sealed record TrialPlan(
    [property: Id(0)] string StudyId,
    [property: Id(1)] int Number,
    [property: Id(2)] Model.Search.Configuration Hyperparameters,
    [property: Id(3)] DataReference Data,
    [property: Id(4)] ulong Seed,
    [property: Id(5)] int EpochsPerRound,
    [property: Id(6)] Model.Search.Configuration Fixed)
{
    public string GrainKey => TrialKeys.Of(StudyId, Number);
}

/// <summary>Trial grains are keyed "{study}/{n}", so a study's trials are found without a directory.</summary>
public static class TrialKeys
{
    public static string Of(string studyId, int number) => $"{studyId}/{number}";
}

/// <summary>The metrics of one finished round, as the trial measured them; <c>SecondValue</c> is a two-objective synthetic function's second value.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.RoundMetrics")]
public sealed record RoundMetrics(
    [property: Id(0)] int Round,
    [property: Id(1)] int Epochs,
    [property: Id(2)] double TrainLoss,
    [property: Id(3)] double ValidationLoss,
    [property: Id(4)] double ValidationAccuracy,
    [property: Id(5)] double LearningRate,
    [property: Id(6)] double Seconds,
    [property: Id(7)] double? SecondValue = null);

/// <summary>A trial's report to its study after a round. Idempotent by (Trial, Metrics.Round).</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.TrialReport")]
public sealed record TrialReport(
    [property: Id(0)] int Trial,
    [property: Id(1)] RoundMetrics Metrics);

/// <summary>What the study tells a trial to do next.</summary>
public enum DecisionKind
{
    Continue,
    Stop,
    /// <summary>The study decides when the rest of the population has caught up; the trial parks until then.</summary>
    Wait,
    /// <summary>Copy the weights of <see cref="TrialDecision.SourceTrial"/> and continue with new hyperparameters.</summary>
    Exploit,
    /// <summary>Go back to the checkpoint before the last round and continue at a new learning rate.</summary>
    Rollback,
    /// <summary>Continue at a new learning rate.</summary>
    SetLearningRate,
}

[GenerateSerializer, Immutable, Alias("Orleans.Tuning.TrialDecision")]
public sealed record TrialDecision(
    [property: Id(0)] DecisionKind Kind,
    [property: Id(1)] string? Reason = null,
    [property: Id(2)] int SourceTrial = -1,
    [property: Id(3)] Model.Search.Configuration? Hyperparameters = null,
    [property: Id(4)] double LearningRate = 0,
    [property: Id(5)] int SourceRound = 0)
{
    public static TrialDecision Continue { get; } = new(DecisionKind.Continue);
    public static TrialDecision Wait { get; } = new(DecisionKind.Wait);
    public static TrialDecision Stop(string reason) => new(DecisionKind.Stop, reason);
}

public enum TrialState { Created, Running, Waiting, Stopped, Failed }

/// <summary>A trial as the console shows it.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.TrialStatus")]
public sealed record TrialStatus(
    [property: Id(0)] int Number,
    [property: Id(1)] TrialState State,
    [property: Id(2)] int Round,
    [property: Id(3)] Model.Search.Configuration? Hyperparameters,
    [property: Id(4)] RoundMetrics? Last,
    [property: Id(5)] bool Training,
    [property: Id(6)] string? Note,
    [property: Id(7)] int Resumes,
    [property: Id(8)] string Silo);

/// <summary>What population-based exploit copies from a trial: its weights and the hyperparameters they were trained with.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.TrialSnapshot")]
public sealed record TrialSnapshot(
    [property: Id(0)] byte[] Checkpoint,
    [property: Id(1)] Model.Search.Configuration Hyperparameters,
    [property: Id(2)] int Round);
