using Microsoft.Extensions.Logging;
using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

// What the study writes: its log before any decision leaves, the queryable tables behind it, and engine snapshots.
public sealed partial class StudyGrain
{
    // Every decision waits on this. A conflict means another activation owns the log now (this one was on a
    // silo declared dead, say): stop writing anything and leave, so the next call rebuilds the study from the log.
    private async Task Durable()
    {
        try
        {
            await Log.DurableAsync();
        }
        catch (StudyLogConflict e)
        {
            log.LogWarning("study {Study}: {Conflict}; this activation steps down", Id, e.Message);
            _stale = true;
            this.DeactivateOnIdle();
            throw;
        }
    }

    // The queryable tables trail the log by at most a flush interval; they are derived data.
    private async Task Flush(bool final)
    {
        if (_engine is null || S.SpecText is null || _stale) return;
        if (Log.HasPending) await Durable();
        final |= S.Phase != StudyPhase.Running && !_projector.FinalWritten;
        if (_projector.HasChanges || final)
        {
            var status = StudyView.Status(Id, S, _engine, _reports);
            await _projector.WriteAsync(store, Id, S.SpecText, status, _engine, () => StudyView.Results(Id, S, _engine, _reports, withRows: false), final);
        }
        if (Log.SnapshotDue || (final && Log.HasEventsSinceSnapshot)) await Snapshot();
        // Remembered, so that reading a finished study back (a status, an export) does not rewrite every one of its rows.
        if (_projector.FinalWritten && S.Phase != StudyPhase.Running && !S.ProjectionFinal)
        {
            S.ProjectionFinal = true;
            await Durably.WriteAsync(state, log, this);
        }
    }

    // Taken between awaits, so the engine is exactly the fold of the events recorded so far; stored once those are.
    private async Task Snapshot()
    {
        var seq = Log.Count;
        var engine = _engine!.Snapshot();
        await Durable();
        try { await Log.StoreSnapshotAsync(seq, engine); }
        catch (Exception e) { log.LogWarning("study {Study}: storing its engine snapshot failed ({Error}); the log is complete without it", Id, e.Message); }
    }
}
