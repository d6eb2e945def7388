using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Reports;

/// <summary>A search trial as the plots see it: its last hyperparameters and its final score (NaN if it diverged or failed).</summary>
internal sealed record SearchTrial(int Trial, int Generation, Model.Search.Configuration Hyperparameters, double Score, IReadOnlyList<ResultRow> Rows);

internal static class SearchTrials
{
    public const string SearchKind = "trial";

    /// <summary>Every search trial (re-tests excluded: they re-run a configuration, they do not explore one), by trial number.</summary>
    /// <remarks>The last row counts: a population member that exploited another ends with the hyperparameters it copied.</remarks>
    public static IReadOnlyList<SearchTrial> Of(StudyResults results) =>
        [.. results.Rows.Where(r => r.Kind == SearchKind).GroupBy(r => r.Trial).OrderBy(g => g.Key)
            .Select(g => new SearchTrial(g.Key, g.First().Generation, g.Last().Hyperparameters, g.Last().Score, g.ToList()))];
}
