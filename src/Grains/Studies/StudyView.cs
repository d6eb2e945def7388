using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>Reads a study's engine into the records the console shows and exports.</summary>
internal static class StudyView
{
    public static StudyStatus Status(string id, StudyGrainState s, StudyEngine? engine, int reports)
    {
        if (engine is null)
            return new StudyStatus(id, id, StudyPhase.NotStarted, "", "", default, TimeSpan.Zero, null, 0, null, 0, null, 0, [], null, null, reports, "");
        var spec = engine.Spec;
        var end = s.FinishedUtc ?? DateTime.UtcNow;
        var active = engine.ActiveTrials.Select(Row).ToList();
        return new StudyStatus(id, spec.Name, s.Phase, s.Strategy, s.StrategyReason, s.StartedUtc, end - s.StartedUtc,
            spec.Budget.WallTime, engine.SearchTrialsLaunched, spec.Budget.Trials, engine.EpochsUsed, spec.Budget.TotalEpochs,
            engine.Generation, active, Best(engine), s.Message, reports, spec.Objective.Metric.ToString().ToLowerInvariant());
    }

    public static StudyResults Results(string id, StudyGrainState s, StudyEngine? engine, int reports)
    {
        var status = Status(id, s, engine, reports);
        if (engine is null) return new StudyResults(status, [], [], []);
        var rows = engine.Trials
            .SelectMany(t => t.AllRounds.Select(r => new ResultRow(t.Number, Kind(t), t.Launch.RetestOf, t.Launch.Generation,
                r.Report.Round, r.Report.Epochs, r.Report.TrainLoss, r.Report.ValidationLoss, r.Report.ValidationAccuracy,
                r.Report.LearningRate, r.Score, r.Hyperparameters, r.Decision)))
            .ToList();
        var ranking = engine.Ranking()
            .Select(r => new RankedRow(r.Trial, r.Mean, r.Spread, r.Runs, engine.Trials[r.Trial].LastScore, engine.RetestScores(r.Trial)))
            .ToList();
        var dims = engine.Spec.Space.Dimensions.Select(d => d.Name).ToList();
        var regions = engine.Regions.Select((region, g) => new RegionRow(g, dims,
            [.. engine.Spec.Space.Dimensions.Select((d, i) => d.Scale.ToValue(region.Lower[i]).ToString())],
            [.. engine.Spec.Space.Dimensions.Select((d, i) => d.Scale.ToValue(region.Upper[i]).ToString())])).ToList();
        return new StudyResults(status, rows, ranking, regions);
    }

    private static BestTrial? Best(StudyEngine engine)
    {
        var top = engine.Ranking().FirstOrDefault();
        if (top is null) return null;
        var t = engine.Trials[top.Trial];
        var last = t.Rounds[^1].Report;
        var metric = engine.Spec.Objective.Metric.ToString().ToLowerInvariant();
        return new BestTrial(t.Number, AllHyperparameters(engine.Spec, t), metric, t.LastScore, top.Mean, top.Spread, top.Runs,
            last.ValidationAccuracy, last.ValidationLoss);
    }

    // Every hyperparameter the trial trained with, so best.json can be used as it is.
    private static IReadOnlyDictionary<string, string> AllHyperparameters(StudySpec spec, TrialRecord t)
    {
        var searched = t.Hyperparameters.Entries.ToDictionary(e => e.Key, e => e.Value);
        return Hyperparameters.All.ToDictionary(h => h.Name, h =>
            (searched.TryGetValue(h.Name, out var v) ? v : spec.Fixed.TryGetValue(h.Name, out var f) ? f : h.Default).ToString());
    }

    private static TrialRow Row(TrialRecord t)
    {
        var last = t.Rounds.Count > 0 ? t.Rounds[^1].Report : null;
        return new TrialRow(t.Number, Kind(t), t.Hyperparameters, t.Rounds.Count, last?.ValidationAccuracy, last?.ValidationLoss,
            last is null ? null : t.LastScore, t.Phase.ToString().ToLowerInvariant(), t.Note);
    }

    private static string Kind(TrialRecord t) =>
        t.Kind == TrialKind.Retest ? $"retest of {t.Launch.RetestOf}" : "trial";
}
