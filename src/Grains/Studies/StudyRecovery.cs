using Microsoft.Extensions.Logging;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>Rebuilds a study's engine on activation: from its latest snapshot and the events after it, or from the whole log.</summary>
internal static class StudyRecovery
{
    public static async Task<StudyEngine> RebuildAsync(string studyId, StudySpec spec, StudyStrategy strategy, StudyLog log, ILogger logger)
    {
        var (snapshot, tail) = await log.LoadAsync();
        if (snapshot is not null)
        {
            try
            {
                return Replay(StudyEngine.Restore(spec, strategy, snapshot.Engine), tail);
            }
            catch (InvalidDataException e)
            {
                // A snapshot is a shortcut, never the only copy: the log it summarises is all still there.
                logger.LogWarning("study {Study}: its engine snapshot at event {Seq} cannot be used ({Error}); replaying the whole log",
                    studyId, snapshot.Seq, e.Message);
                tail = await log.LoadAllAsync();
            }
        }
        var engine = new StudyEngine(spec, strategy);
        engine.Start();
        return Replay(engine, tail);
    }

    private static StudyEngine Replay(StudyEngine engine, IReadOnlyList<StudyEvent> events)
    {
        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case StudyEventKind.Report: engine.Report(e.Trial, Wire.ToReport(e.Metrics!)); break;
                case StudyEventKind.Failed: engine.TrialFailed(e.Trial, e.Message!); break;
                case StudyEventKind.Expired: engine.Expire(e.Message!); break;
                case StudyEventKind.RetestRequested: engine.RequestRetest(); break;
            }
        }
        return engine;
    }
}
