using Orleans.Tuning.Client.Tests.Results;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Tests.Reports;

/// <summary>
/// A recorded caviar-like study made by hand so every plot's data can be checked against it: 40 search
/// trials over a log learning rate, a one-minus-log β and a choice; the metric depends almost only on the
/// learning rate (best near u = 0.6, about 6.3e-3). Trial 2 rolled back a round, trial 7 exploited trial 3,
/// trial 5 failed before reporting, and the best trial was re-tested.
/// </summary>
internal static class SampleStudy
{
    public const int SearchTrials = 40;
    public const int FailedTrial = 5;
    public const int RolledBack = 2;
    public const int Exploiter = 7;
    public const int Exploited = 3;

    public static readonly DimensionRow[] Space =
    [
        new("learning_rate", "Log", 1e-4, 1e-1, [], 0.4, 0.8),
        new("beta1", "OneMinusLog", 0.8, 0.9999, [], 0, 1),
        new("optimizer", "Categorical", 0, 1, ["adam", "momentum"], 0, 0.5),
    ];

    public static double LearningRate(int trial) => Math.Pow(10, -4 + 3 * ULearningRate(trial));

    public static double ULearningRate(int trial) => Frac(trial * 0.618034 + 0.1);

    public static double Beta1(int trial) => 1 - Math.Pow(10, Math.Log10(0.2) + Frac(trial * 0.414214 + 0.3) * (Math.Log10(1e-4) - Math.Log10(0.2)));

    public static string Optimizer(int trial) => trial % 2 == 0 ? "adam" : "momentum";

    /// <summary>The final validation accuracy of a search trial.</summary>
    public static double Accuracy(int trial) => 0.97 - 0.8 * Math.Pow(ULearningRate(trial) - 0.6, 2) - 0.01 * Frac(trial * 0.414214 + 0.3);

    public static int Best => Enumerable.Range(0, SearchTrials).Where(t => t != FailedTrial).MaxBy(Accuracy);

    public static StudyResults Results()
    {
        var rows = new List<ResultRow>();
        for (var t = 0; t < SearchTrials; t++)
        {
            var config = SampleResults.Config(("learning_rate", LearningRate(t)), ("beta1", Beta1(t)), ("optimizer", Optimizer(t)));
            var generation = t < SearchTrials / 2 ? 0 : 1;
            if (t == FailedTrial)
            {
                rows.Add(new ResultRow(t, "trial", null, generation, 0, 0, double.NaN, double.NaN, double.NaN, LearningRate(t), double.NaN, config, "failed", "out of memory"));
                continue;
            }
            for (var round = 1; round <= 3; round++)
            {
                var accuracy = Accuracy(t) - 0.1 * (3 - round);
                if (t == RolledBack && round == 2)
                    rows.Add(Row(t, "trial", generation, round, 0.1, double.NaN, config, "rollback, learning rate 0.001"));
                var decision = t == Exploiter && round == 2 ? $"exploit trial {Exploited}" : round == 3 ? "stop: reached max_epochs_per_trial" : "continue";
                rows.Add(Row(t, "trial", generation, round, accuracy, 1 - accuracy, config, decision));
            }
        }
        var best = Best;
        var bestConfig = rows.First(r => r.Trial == best).Hyperparameters;
        for (var round = 1; round <= 3; round++)
            rows.Add(Row(SearchTrials, $"retest of {best}", 1, round, Accuracy(best) - 0.01 - 0.1 * (3 - round), 0.1, bestConfig, "continue") with { RetestOf = best });

        var status = SampleResults.Status(best: new BestTrial(best,
            new Dictionary<string, string> { ["learning_rate"] = LearningRate(best).ToString("R"), ["beta1"] = Beta1(best).ToString("R"), ["optimizer"] = Optimizer(best) },
            "accuracy", Accuracy(best), Accuracy(best) - 0.005, 0.007, 2, Accuracy(best), 1 - Accuracy(best))) with
        {
            Strategy = "Caviar",
            StrategyReason = "4 free training slots",
            TrialsLaunched = SearchTrials,
            TrialBudget = SearchTrials,
            EpochsUsed = 246,
            EpochBudget = 300,
            TrialsFailed = 1,
            Space = Space,
        };
        var regions = new[]
        {
            new RegionRow(0, ["learning_rate", "beta1", "optimizer"], ["0.0001", "0.8", "adam"], ["0.1", "0.9999", "momentum"]),
            new RegionRow(1, ["learning_rate", "beta1", "optimizer"], ["0.001", "0.9", "adam"], ["0.01", "0.999", "adam"]),
        };
        var ranking = new[] { new RankedRow(best, Accuracy(best) - 0.005, 0.007, 2, Accuracy(best), [Accuracy(best) - 0.01]) };
        return new StudyResults(status, rows, ranking, regions, [new TrialFailure(FailedTrial, 0, "out of memory")]);
    }

    private static ResultRow Row(int trial, string kind, int generation, int round, double accuracy, double loss, Model.Search.Configuration config, string decision) =>
        new(trial, kind, null, generation, round, 2 * round, loss, loss, accuracy, config.GetDouble("learning_rate"), accuracy, config, decision, null);

    private static double Frac(double x) => x - Math.Floor(x);
}
