namespace Orleans.Tuning.Model.Scheduling;

/// <summary>What a population member does at a ready point: keep training, or copy a better member's checkpoint and train on from a perturbed point.</summary>
public abstract record PopulationDecision
{
    private PopulationDecision()
    {
    }

    public sealed record KeepTraining : PopulationDecision;

    /// <summary>Load <paramref name="SourceTrial"/>'s latest checkpoint (weights, optimizer, BN statistics) and continue with the hyperparameters at <paramref name="NewPoint"/>.</summary>
    public sealed record ExploitAndExplore(int SourceTrial, double[] NewPoint) : PopulationDecision;
}
