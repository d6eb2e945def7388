using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Studies;

/// <summary>What a trial does after a round: the study engine's answer to its report.</summary>
public abstract record Decision
{
    private Decision() { }

    public sealed record Continue : Decision;

    /// <summary>Not decided yet: the rest of the population has to finish the round first.</summary>
    public sealed record Wait : Decision;

    public sealed record Stop(string Reason) : Decision;

    /// <summary>Copy <paramref name="SourceTrial"/>'s weights as they were after <paramref name="SourceRound"/>, then train on with <paramref name="Hyperparameters"/>.</summary>
    public sealed record Exploit(int SourceTrial, int SourceRound, Configuration Hyperparameters) : Decision;

    /// <summary>Undo the last round (it diverged) and retrain it at <paramref name="LearningRate"/>.</summary>
    public sealed record Rollback(double LearningRate, string Reason) : Decision;

    /// <summary>Train on at <paramref name="LearningRate"/> (the panda's nudge when the curve stalls).</summary>
    public sealed record SetLearningRate(double LearningRate, string Reason) : Decision;

    public static Decision Continuing { get; } = new Continue();
    public static Decision Waiting { get; } = new Wait();
}

/// <summary>A decision for a trial's round.</summary>
public sealed record TrialDecisionFor(int Trial, int Round, Decision Decision);
