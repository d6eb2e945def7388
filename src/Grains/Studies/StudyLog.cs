using Microsoft.Extensions.Logging;
using Orleans.Tuning.Grains.Storage;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>A study's events on their way to the store: recorded in memory, made durable in batches before anyone acts on them.</summary>
/// <remarks>
/// A decision is only sent once the event it came from is stored, so a study that restarts rebuilds
/// exactly the decisions its trials already acted on. Reports that arrive while a write is in flight
/// share the next one (group commit): the store sees one append per batch, not per report.
/// Runs on the grain's scheduler, so it needs no lock; every await is a point where others may record.
/// </remarks>
internal sealed class StudyLog(string studyId, IStudyStore store, ILogger log, int minEventsPerSnapshot)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(2);

    private readonly List<StudyEvent> _pending = [];
    private long _durable;
    private long _snapshotAt;
    private Task? _writing;

    /// <summary>Events recorded so far, stored or not.</summary>
    public long Count => _durable + _pending.Count;

    public bool HasPending => _pending.Count > 0;

    /// <summary>The latest engine snapshot and the events after it (the whole log when there is no snapshot).</summary>
    public async Task<(EngineSnapshot? Snapshot, IReadOnlyList<StudyEvent> Tail)> LoadAsync()
    {
        var snapshot = await store.ReadSnapshotAsync(studyId);
        var tail = await store.ReadEventsAsync(studyId, snapshot?.Seq ?? 0);
        _snapshotAt = snapshot?.Seq ?? 0;
        _durable = _snapshotAt + tail.Count;
        return (snapshot, tail);
    }

    /// <summary>Every event from the first, for when a snapshot cannot be used.</summary>
    public Task<IReadOnlyList<StudyEvent>> LoadAllAsync() => store.ReadEventsAsync(studyId);

    // A snapshot is due once the events after the last one outnumber those before it (and the minimum at least): a snapshot
    // costs what the study holds, so taking them ever rarer keeps their cost per event flat, and a restart replays at most half the log.
    public bool SnapshotDue => Count - _snapshotAt >= Math.Max(minEventsPerSnapshot, _snapshotAt);

    public bool HasEventsSinceSnapshot => Count > _snapshotAt;

    /// <summary>Stores the engine's state after the first <paramref name="seq"/> events; the caller has made those durable.</summary>
    public async Task StoreSnapshotAsync(long seq, byte[] engine)
    {
        if (seq > _durable) throw new InvalidOperationException($"a snapshot after event {seq} would run ahead of the {_durable} stored");
        await store.WriteSnapshotAsync(studyId, new EngineSnapshot(seq, engine));
        _snapshotAt = Math.Max(_snapshotAt, seq);
    }

    public void Record(StudyEvent e) => _pending.Add(e);

    /// <summary>Returns once every event recorded before the call is stored; while the store is down it keeps trying, so the study pauses rather than forgets.</summary>
    public async Task DurableAsync()
    {
        var target = Count;
        var wait = FirstRetry;
        while (_durable < target)
        {
            try
            {
                if (_writing is null || _writing.IsCompleted) _writing = WriteAsync();
                await _writing;
            }
            catch (StudyLogConflict)
            {
                throw; // not a passing failure: this activation is stale, and retrying would only repeat it
            }
            catch (Exception e)
            {
                log.LogWarning("study {Study}: storing events failed ({Error}); retrying in {Wait}", studyId, e.Message, wait);
                await Task.Delay(wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private async Task WriteAsync()
    {
        var batch = _pending.ToArray();
        await store.AppendEventsAsync(studyId, _durable, batch);
        _pending.RemoveRange(0, batch.Length);
        _durable += batch.Length;
    }
}
