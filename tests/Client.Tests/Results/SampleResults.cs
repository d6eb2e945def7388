using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Client.Tests.Results;

// Inside the namespace: `Orleans.Configuration` would otherwise win the name.
using Configuration = Orleans.Tuning.Model.Search.Configuration;

/// <summary>A small hand-made study result: two trials, a re-test, and a trial that searched one more hyperparameter.</summary>
internal static class SampleResults
{
    public static Configuration Config(params (string Name, ParameterValue Value)[] entries) =>
        new(entries.Select(e => KeyValuePair.Create(e.Name, e.Value)));

    public static StudyStatus Status(StudyPhase phase = StudyPhase.Completed, BestTrial? best = null) => new(
        "iris-20250101T000000.000Z", "iris", phase, "panda", "2 free slots", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        TimeSpan.FromSeconds(42), TimeSpan.FromMinutes(10), 3, 4, 30, null, 1, [], best, null, 5, "accuracy", 0, [], [], []);

    public static readonly BestTrial Best = new(
        1,
        new Dictionary<string, string> { ["learning_rate"] = "0.0123", ["optimizer"] = "adam" },
        "accuracy", 0.9556, 0.95, 0.0111, 2, 0.9556, 0.1234);

    public static StudyResults Results() => new(
        Status(best: Best),
        [
            new ResultRow(0, "trial", null, 0, 1, 5, 0.9, 0.8, 0.7, 0.01, 0.7, Config(("learning_rate", 0.01), ("optimizer", "sgd")), "continue", null),
            new ResultRow(0, "trial", null, 0, 2, 10, 0.5, 0.6, 0.8, 0.01, 0.8, Config(("learning_rate", 0.01), ("optimizer", "sgd")), "stop", null),
            new ResultRow(1, "trial", null, 0, 1, 5, 0.4, 0.3, 0.9556, 0.0123, 0.9556, Config(("learning_rate", 0.0123), ("optimizer", "adam"), ("momentum", 0.9)), "continue", null),
            new ResultRow(2, "retest", 1, 0, 1, 5, 0.45, 0.35, 0.9444, 0.0123, 0.9444, Config(("learning_rate", 0.0123), ("optimizer", "adam"), ("momentum", 0.9)), "done", null),
        ],
        [new RankedRow(1, 0.95, 0.0111, 2, 0.9556, [0.9444]), new RankedRow(0, 0.8, 0, 1, 0.8, [])],
        [new RegionRow(0, ["learning_rate", "optimizer"], ["0.001", "adam"], ["0.1", "sgd"])],
        []);
}
