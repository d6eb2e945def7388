using Orleans.Tuning.Model.Network.Optimizers;

namespace Orleans.Tuning.Model.Network;

/// <summary>How a network is trained: mini-batch size, learning rate and its decay, the update rule.</summary>
public sealed record TrainingConfig(int BatchSize, double LearningRate, Optimizer Optimizer, LearningRateDecay Decay)
{
    public static TrainingConfig Default { get; } = new(64, 1e-3, new Adam(), new NoDecay());

    public void Validate()
    {
        if (BatchSize < 2) throw new ArgumentException($"batch size must be ≥ 2 (batch norm needs two samples), got {BatchSize}");
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"learning rate must be > 0, got {LearningRate}");
    }
}
