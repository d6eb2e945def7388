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
internal sealed class StudyLog(string studyId, IStudyStore store, ILogger log)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(2);

    private readonly List<StudyEvent> _pending = [];
    private long _durable;
    private Task? _writing;

    /// <summary>Events recorded so far, stored or not.</summary>
    public long Count => _durable + _pending.Count;

    public bool HasPending => _pending.Count > 0;

    public async Task<IReadOnlyList<StudyEvent>> LoadAsync()
    {
        var events = await store.ReadEventsAsync(studyId);
        _durable = events.Count;
        return events;
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
