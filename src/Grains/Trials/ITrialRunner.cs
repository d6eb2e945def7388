namespace Orleans.Tuning.Grains.Trials;

/// <summary>What trains a trial. The network runner is the product; tests and the orchestration benchmark plug in their own.</summary>
public interface ITrialRunner
{
    /// <summary>A session that trains from <paramref name="checkpoint"/> (or from the plan's seed when null).</summary>
    /// <param name="learningRate">Replaces the hyperparameter's learning rate when the study has nudged it.</param>
    ITrialSession Open(TrialPlan plan, Model.Search.Configuration hyperparameters, double? learningRate, byte[]? checkpoint);
}

/// <summary>One trial's training in memory between rounds. Called on a training thread, one call at a time.</summary>
public interface ITrialSession
{
    RoundMetrics TrainRound(int round);

    byte[] Checkpoint();

    /// <summary>The network as it is, on the held-out test part; null when the data has none (or the runner is a stand-in).</summary>
    Model.Network.Evaluation? EvaluateTest() => null;
}
