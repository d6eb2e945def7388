namespace Orleans.Tuning.Grains.Trials;

/// <summary>The product's runner: a trial whose data names a synthetic objective evaluates it, any other trains a network.</summary>
public sealed class TrialRunnerByData(NetworkTrialRunner network, SyntheticTrialRunner synthetic) : ITrialRunner
{
    public ITrialSession Open(TrialPlan plan, Model.Search.Configuration hyperparameters, double? learningRate, byte[]? checkpoint) =>
        plan.Data.Synthetic is null
            ? network.Open(plan, hyperparameters, learningRate, checkpoint)
            : synthetic.Open(plan, hyperparameters, learningRate, checkpoint);
}
