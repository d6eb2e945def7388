namespace Orleans.Tuning.Model.Scheduling;

/// <summary>What the babysitter does after a round: continue, roll back with a smaller rate, lower the rate, or stop.</summary>
public abstract record PandaDecision
{
    private PandaDecision()
    {
    }

    public sealed record Continue : PandaDecision;

    /// <summary>Restore the last checkpoint (the round before the divergence), drop the diverged round from the history, and train on at the new rate.</summary>
    public sealed record Rollback(double NewLearningRate) : PandaDecision;

    /// <summary>Keep the weights and train on at the new, smaller rate.</summary>
    public sealed record NudgeLearningRate(double NewLearningRate) : PandaDecision;

    public sealed record Stop(string Reason) : PandaDecision;
}
