using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>Reads a study's engine into the records the console shows and exports.</summary>
internal static class StudyView
{
    // The live view shows the latest few failures; results carry them all.
    private const int RecentFailureCount = 5;

    public static StudyStatus Status(string id, StudyGrainState s, StudyEngine? engine, int reports)
    {
        if (engine is null)
            return new StudyStatus(id, id, StudyPhase.NotStarted, "", "", default, TimeSpan.Zero, null, 0, null, 0, null, 0, [], null, null, reports, "", 0, [], [], []);
        var spec = engine.Spec;
        var end = s.FinishedUtc ?? DateTime.UtcNow;
        var active = engine.ActiveTrials.Select(Row).ToList();
        var recent = engine.Failures.TakeLast(RecentFailureCount).Select(Failure).ToList();
        return new StudyStatus(id, spec.Name, s.Phase, s.Strategy, s.StrategyReason, s.StartedUtc, end - s.StartedUtc,
            spec.Budget.WallTime, engine.TrialsLaunched, spec.Budget.Trials, engine.EpochsUsed, spec.Budget.TotalEpochs,
            engine.Generation, active, Best(engine, s.Test), s.Message, reports, spec.Objective.Metric.ToString().ToLowerInvariant(),
            engine.FailureCount, recent, Leaders(engine), Space(engine), engine.RetestEpochs, engine.RetestShareCap, engine.RetestEpochCap);
    }

    // The live leaderboard's length: enough to see who is close behind the leader, short enough for a terminal.
    private const int LeaderCount = 5;

    private static IReadOnlyList<LeaderRow> Leaders(StudyEngine engine) =>
        [.. engine.Leaders(LeaderCount).Select(r =>
        {
            var t = engine.Trials[r.Trial];
            return new LeaderRow(r.Trial, t.Hyperparameters, r.Mean, r.Spread, r.Runs, t.Rounds.Count);
        })];

    private static IReadOnlyList<DimensionRow> Space(StudyEngine engine)
    {
        var region = engine.Regions.Count > 0 ? engine.Regions[^1] : null;
        return [.. engine.Spec.Space.Dimensions.Select((d, i) =>
        {
            var (kind, min, max, choices) = Describe(d.Scale);
            return new DimensionRow(d.Name, kind.ToString(), min, max, choices, region?.Lower[i] ?? 0, region?.Upper[i] ?? 1);
        })];
    }

    private static (ScaleKind Kind, double Min, double Max, IReadOnlyList<string> Choices) Describe(Scale scale) => scale switch
    {
        LinearScale s => (ScaleKind.Linear, s.Min, s.Max, []),
        LogScale s => (ScaleKind.Log, s.Min, s.Max, []),
        OneMinusLogScale s => (ScaleKind.OneMinusLog, s.Min, s.Max, []),
        IntLogScale s => (ScaleKind.IntLog, s.Min, s.Max, []),
        IntScale s => (ScaleKind.Int, s.Min, s.Max, []),
        CategoricalScale s => (ScaleKind.Categorical, 0, s.Choices.Count - 1, s.Choices),
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "a scale the views do not know"),
    };

    public static StudyResults Results(string id, StudyGrainState s, StudyEngine? engine, int reports, bool withRows = true)
    {
        var status = Status(id, s, engine, reports);
        if (engine is null) return new StudyResults(status, [], [], [], []);
        // The projection's summary leaves the rows out: they are in the store already, and building them costs the whole history.
        List<ResultRow> rows = withRows ? [.. engine.Trials.SelectMany(Rows)] : [];
        var ranking = engine.Ranking()
            .Select(r => new RankedRow(r.Trial, r.Mean, r.Spread, r.Runs, engine.Trials[r.Trial].LastScore, engine.RetestScores(r.Trial)))
            .ToList();
        var dims = engine.Spec.Space.Dimensions.Select(d => d.Name).ToList();
        var regions = engine.Regions.Select((region, g) => new RegionRow(g, dims,
            [.. engine.Spec.Space.Dimensions.Select((d, i) => d.Scale.ToValue(region.Lower[i]).ToString())],
            [.. engine.Spec.Space.Dimensions.Select((d, i) => d.Scale.ToValue(region.Upper[i]).ToString())])).ToList();
        List<ParetoRow>? front = engine.Spec.Objective.HasCost
            ? [.. engine.ParetoFront().Select(p => new ParetoRow(p.Trial, p.Score, p.Cost, engine.Trials[p.Trial].Hyperparameters))]
            : null;
        return new StudyResults(status, rows, ranking, regions, [.. engine.Failures.Select(Failure)], front);
    }

    // One row per round; a failure is written on the trial's last row, or on a row of its own if it never reported.
    public static IEnumerable<ResultRow> Rows(TrialRecord t)
    {
        var rounds = t.AllRounds;
        if (rounds.Count == 0)
        {
            if (t.Failure is not null)
                yield return new ResultRow(t.Number, Kind(t), t.Launch.RetestOf, t.Launch.Generation, 0, 0,
                    double.NaN, double.NaN, double.NaN, t.LearningRate, double.NaN, t.Hyperparameters, "failed", t.Failure);
            yield break;
        }
        for (var i = 0; i < rounds.Count; i++)
        {
            var r = rounds[i];
            yield return new ResultRow(t.Number, Kind(t), t.Launch.RetestOf, t.Launch.Generation,
                r.Report.Round, r.Report.Epochs, r.Report.TrainLoss, r.Report.ValidationLoss, r.Report.ValidationAccuracy,
                r.Report.LearningRate, r.Score, r.Hyperparameters, r.Decision, i == rounds.Count - 1 ? t.Failure : null);
        }
    }

    private static TrialFailure Failure(TrialRecord t) => new(t.Number, t.Rounds.Count, t.Failure ?? "failed");

    private static BestTrial? Best(StudyEngine engine, Trials.TestResult? test)
    {
        if (engine.Leader is not { } top) return null;
        var t = engine.Trials[top.Trial];
        var last = t.Rounds[^1].Report;
        var metric = engine.Spec.Objective.Metric.ToString().ToLowerInvariant();
        return new BestTrial(t.Number, AllHyperparameters(engine.Spec, t), metric, t.LastScore, top.Mean, top.Spread, top.Runs,
            last.ValidationAccuracy, last.ValidationLoss,
            test?.Trial == t.Number ? test.Accuracy : null, test?.Trial == t.Number ? test.Loss : null);
    }

    // Every hyperparameter the trial trained with, so best.json can be used as it is.
    private static IReadOnlyDictionary<string, string> AllHyperparameters(StudySpec spec, TrialRecord t)
    {
        var searched = t.Hyperparameters.Entries.ToDictionary(e => e.Key, e => e.Value);
        if (spec.Data.Synthetic is not null) // a test function's arguments are all searched; it has no network settings
            return searched.ToDictionary(e => e.Key, e => e.Value.ToString());
        return Hyperparameters.All.ToDictionary(h => h.Name, h =>
            (searched.TryGetValue(h.Name, out var v) ? v : spec.Fixed.TryGetValue(h.Name, out var f) ? f : h.Default).ToString());
    }

    private static TrialRow Row(TrialRecord t)
    {
        var last = t.Rounds.Count > 0 ? t.Rounds[^1].Report : null;
        return new TrialRow(t.Number, Kind(t), t.Hyperparameters, t.Rounds.Count, last?.ValidationAccuracy, last?.ValidationLoss,
            last is null ? null : t.LastScore, State(t), t.Note);
    }

    public static string State(TrialRecord t) =>
        t.Failure is not null && t.Phase == TrialPhase.Stopped ? "diverged" : t.Phase.ToString().ToLowerInvariant();

    public static string Kind(TrialRecord t) =>
        t.Kind == TrialKind.Retest ? $"retest of {t.Launch.RetestOf}" : "trial";
}
