using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Studies;

public enum TrialPhase { Running, Waiting, Stopped, Failed }

/// <summary>The study's view of one trial.</summary>
public sealed class TrialRecord(TrialLaunch launch, double learningRate, int targetRounds)
{
    public TrialLaunch Launch { get; } = launch;
    public int Number => Launch.Number;
    public TrialKind Kind => Launch.Kind;
    public TrialPhase Phase { get; internal set; } = TrialPhase.Running;
    public Configuration Hyperparameters { get; internal set; } = launch.Hyperparameters;
    public double[] Point { get; internal set; } = launch.Point;

    /// <summary>The learning rate before decay; the panda changes it.</summary>
    public double LearningRate { get; internal set; } = learningRate;

    /// <summary>Rounds a re-test trains (its leader's count); for a search trial, the epoch cap in rounds.</summary>
    public int TargetRounds { get; } = targetRounds;

    /// <summary>Rounds kept: a rolled-back round is dropped, as the trial drops it.</summary>
    public List<RecordedRound> Rounds { get; } = [];

    /// <summary>Every round ever reported, rolled back or not, for results.csv.</summary>
    public List<RecordedRound> AllRounds { get; } = [];

    public string? Note { get; internal set; }

    /// <summary>Why the trial ended without a result: the exception's message, or its divergence. Null for a trial that learned.</summary>
    public string? Failure { get; internal set; }
    public TrialDecisionFor? LastDecision { get; internal set; }

    public bool IsActive => Phase is TrialPhase.Running or TrialPhase.Waiting;
    public double LastScore => Rounds.Count > 0 ? Rounds[^1].Score : double.NaN;
}
