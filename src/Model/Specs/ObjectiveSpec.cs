namespace Orleans.Tuning.Model.Specs;

/// <summary>The validation metric a study optimizes.</summary>
public enum ObjectiveMetric
{
    Accuracy,
    Loss,
}

/// <summary>What "better" means: accuracy is maximized, loss minimized.</summary>
public sealed record ObjectiveSpec(ObjectiveMetric Metric = ObjectiveMetric.Accuracy)
{
    public bool Maximize => Metric == ObjectiveMetric.Accuracy;

    /// <summary>The trial's score, higher is better whatever the metric, so schedulers compare one number.</summary>
    public double Score(double accuracy, double loss) => Metric == ObjectiveMetric.Accuracy ? accuracy : -loss;
}
