using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Display;

/// <summary>The metric a study optimized, as plots show it: the metric itself (a loss, not the negated loss the schedulers compare).</summary>
public sealed record Objective(string Metric)
{
    public static Objective Of(StudyResults results) =>
        new(results.Status.Objective is "loss" ? "loss" : "accuracy");

    public bool Maximize => Metric != "loss";

    public string Label => $"validation {Metric}";

    /// <summary>A score (higher is better) back to the metric.</summary>
    public double FromScore(double score) => Maximize ? score : -score;

    /// <summary>What a row measured, in the metric.</summary>
    public double Of(ResultRow row) => Maximize ? row.ValidationAccuracy : row.ValidationLoss;

    public bool Better(double candidate, double incumbent) =>
        double.IsNaN(incumbent) || (Maximize ? candidate > incumbent : candidate < incumbent);
}
