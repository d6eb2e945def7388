using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Specs;

/// <summary>The validation metric a study optimizes.</summary>
public enum ObjectiveMetric
{
    Accuracy,
    Loss,
}

/// <summary>A second objective, a cost minimised beside the metric (<c>objectives: [accuracy, seconds_per_epoch]</c>).</summary>
public enum CostKind
{
    /// <summary>One objective: the metric alone.</summary>
    None,

    /// <summary>A network's training seconds per epoch, as its last round measured them.</summary>
    SecondsPerEpoch,

    /// <summary>A two-objective synthetic function's second value (ZDT1's f2).</summary>
    F2,
}

/// <summary>What "better" means: accuracy is maximized, loss minimized; with a cost, a trial is better only if no other beats it on both (the Pareto front).</summary>
public sealed record ObjectiveSpec(ObjectiveMetric Metric = ObjectiveMetric.Accuracy, CostKind Cost = CostKind.None)
{
    public bool Maximize => Metric == ObjectiveMetric.Accuracy;

    public bool HasCost => Cost != CostKind.None;

    /// <summary>The trial's score, higher is better whatever the metric, so schedulers compare one number.</summary>
    public double Score(double accuracy, double loss) => Metric == ObjectiveMetric.Accuracy ? accuracy : -loss;

    /// <summary>The round's cost, lower is better; NaN when it was not measured.</summary>
    public double CostOf(RoundReport report, int epochsPerRound) => Cost switch
    {
        CostKind.SecondsPerEpoch => report.Seconds / epochsPerRound,
        CostKind.F2 => report.SecondValue ?? double.NaN,
        _ => double.NaN,
    };
}
