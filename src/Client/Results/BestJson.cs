using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Results;

/// <summary>best.json: the winning configuration with its re-test record, the final ranking, the regions searched, the trials that failed with why, and (two objectives) the Pareto front.</summary>
internal static class BestJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // A diverged trial's loss is NaN or infinite; write it rather than fail the whole file.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <param name="objective">The metric the study optimized; given by the caller because a study with no result yet names none.</param>
    public static void Write(Stream stream, StudyResults results, string objective)
    {
        var s = results.Status;
        var document = new Document(
            s.Name,
            s.Id,
            s.Phase.ToString().ToLowerInvariant(),
            s.Strategy,
            s.StrategyReason,
            objective,
            s.Phase == StudyPhase.Failed ? s.Message : null,
            s.Best is { } b
                ? new Best(b.Trial, b.Hyperparameters.ToDictionary(h => h.Key, h => Value(h.Value)), b.Metric, b.Score,
                    new Retest(b.Mean, b.Spread, b.Runs), b.ValidationAccuracy, b.ValidationLoss, b.TestAccuracy, b.TestLoss)
                : null,
            results.Ranking,
            results.Regions.Select(r => new Region(
                r.Generation,
                r.Dimensions.Select((d, i) => new Bounds(d, Value(r.Lower[i]), Value(r.Upper[i]))).ToArray())).ToArray(),
            results.Failures,
            results.ParetoFront?.Select(p => new ParetoEntry(p.Trial, p.Score, p.Cost,
                p.Hyperparameters.Entries.ToDictionary(h => h.Key, h => Value(h.Value.ToString())))).ToArray());
        JsonSerializer.Serialize(stream, document, Options);
    }

    // Hyperparameters travel as text; numbers go back to JSON numbers so a reader need not parse them.
    private static object Value(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : text;

    private sealed record Document(
        string Study, string Id, string Phase, string Strategy, string StrategyReason, string Objective, string? Failure,
        Best? Best, IReadOnlyList<RankedRow> Ranking, IReadOnlyList<Region> Regions, IReadOnlyList<TrialFailure> Failed,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ParetoEntry>? ParetoFront);

    // A two-objective study's front, cheapest first: score as everywhere in this file (higher is better), cost lower is better.
    private sealed record ParetoEntry(int Trial, double Score, double Cost, IReadOnlyDictionary<string, object> Hyperparameters);

    private sealed record Best(
        int Trial, IReadOnlyDictionary<string, object> Hyperparameters, string Metric, double Score,
        Retest Retest, double ValidationAccuracy, double ValidationLoss, double? TestAccuracy, double? TestLoss);

    private sealed record Retest(double Mean, double Spread, int Runs);

    private sealed record Region(int Generation, IReadOnlyList<Bounds> Dimensions);

    private sealed record Bounds(string Name, object Lower, object Upper);
}
