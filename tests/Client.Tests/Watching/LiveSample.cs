using Orleans.Tuning.Client.Tests.Results;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Tests.Watching;

/// <summary>A busy running study as the live view sees it: a full leaderboard, a population larger than fits, long reasons.</summary>
internal static class LiveSample
{
    public static readonly DimensionRow[] Space =
    [
        new("learning_rate", "Log", 1e-4, 1e-1, [], 0.25, 0.75),
        new("beta1", "OneMinusLog", 0.8, 0.9999, [], 0.1, 0.6),
        new("hidden_units", "IntLog", 32, 256, [], 0, 1),
        new("optimizer", "Categorical", 0, 2, ["adam", "momentum", "rmsprop"], 0, 0.5),
    ];

    public static StudyStatus Status()
    {
        var config = SampleResults.Config(("learning_rate", 0.0010851604640015153), ("beta1", 0.99912345), ("hidden_units", 128.0), ("optimizer", "rmsprop"));
        return SampleResults.Status(StudyPhase.Running, SampleResults.Best) with
        {
            Strategy = "Caviar",
            StrategyReason = "8 free training slots: room for a population of 8 trained in parallel",
            Active = [.. Enumerable.Range(10, 11).Select(n => new TrialRow(n, n == 11 ? "retest of 1" : "trial", config, 3, 0.9333, 0.2, 0.9333, "training", n == 10 ? "exploited trial 4, perturbed learning rate and beta1" : null))],
            Leaders = [.. Enumerable.Range(0, 5).Select(i => new LeaderRow(i + 1, config, 0.97 - i * 0.01, 0.004, i == 0 ? 3 : 1, 6))],
            Space = Space,
            TrialsFailed = 2,
            RecentFailures = [new TrialFailure(4, 2, "diverged in round 2 (validation loss NaN) after the learning rate was raised by an exploit from trial 1")],
        };
    }
}
