using System.Collections.Concurrent;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Grains.Storage;

/// <summary>The embedded default: a study's log and projection live as long as the process.</summary>
public sealed class MemoryStudyStore : IStudyStore
{
    private readonly ConcurrentDictionary<string, Study> _studies = new();

    public Task<IReadOnlyList<StudyEvent>> ReadEventsAsync(string studyId, long fromSeq = 0)
    {
        if (!_studies.TryGetValue(studyId, out var s)) return Task.FromResult<IReadOnlyList<StudyEvent>>([]);
        lock (s) return Task.FromResult<IReadOnlyList<StudyEvent>>([.. s.Events.Skip((int)Math.Min(fromSeq, s.Events.Count))]);
    }

    public Task<EngineSnapshot?> ReadSnapshotAsync(string studyId)
    {
        if (!_studies.TryGetValue(studyId, out var s)) return Task.FromResult<EngineSnapshot?>(null);
        lock (s) return Task.FromResult(s.Snapshot);
    }

    public Task WriteSnapshotAsync(string studyId, EngineSnapshot snapshot)
    {
        var s = _studies.GetOrAdd(studyId, _ => new Study());
        lock (s)
        {
            if (snapshot.Seq > s.Events.Count) throw new InvalidOperationException($"study {studyId}: a snapshot after event {snapshot.Seq} of only {s.Events.Count}");
            if (s.Snapshot is null || s.Snapshot.Seq < snapshot.Seq) s.Snapshot = snapshot;
        }
        return Task.CompletedTask;
    }

    public Task AppendEventsAsync(string studyId, long firstSeq, IReadOnlyList<StudyEvent> events)
    {
        var s = _studies.GetOrAdd(studyId, _ => new Study());
        lock (s)
        {
            if (firstSeq > s.Events.Count)
                throw new InvalidOperationException($"study {studyId}: events from {firstSeq} appended after only {s.Events.Count}");
            // A retry of a batch already stored appends only what is new; what it overlaps must be its own.
            var skip = (int)Math.Min(s.Events.Count - firstSeq, events.Count);
            StudyLogConflict.ThrowIfForeign(studyId, firstSeq, events, s.Events.GetRange((int)firstSeq, skip));
            for (var i = skip; i < events.Count; i++) s.Events.Add(events[i]);
        }
        return Task.CompletedTask;
    }

    public Task WriteProjectionAsync(StudyProjection p)
    {
        var s = _studies.GetOrAdd(p.StudyId, _ => new Study());
        lock (s)
        {
            s.Status = p.Status;
            if (p.Summary is not null) s.Summary = p.Summary;
            foreach (var r in p.Rounds) s.Rounds[(r.Row.Trial, r.Seq)] = r.Row;
        }
        return Task.CompletedTask;
    }

    public Task<StudyResults?> ReadResultsAsync(string studyId)
    {
        if (!_studies.TryGetValue(studyId, out var s) || s.Status is null) return Task.FromResult<StudyResults?>(null);
        lock (s)
        {
            var rows = s.Rounds.OrderBy(r => r.Key.Trial).ThenBy(r => r.Key.Seq).Select(r => r.Value).ToList();
            var summary = s.Summary;
            return Task.FromResult<StudyResults?>(new StudyResults(s.Status, rows, summary?.Ranking ?? [], summary?.Regions ?? [], summary?.Failures ?? [], summary?.ParetoFront));
        }
    }

    public Task<IReadOnlyList<StudyListing>> ListStudiesAsync() =>
        Task.FromResult<IReadOnlyList<StudyListing>>([.. _studies
            .Where(s => s.Value.Status is not null)
            .Select(s => Listing(s.Value.Status!))
            .OrderBy(l => l.StartedUtc)]);

    internal static StudyListing Listing(StudyStatus s) =>
        new(s.Id, s.Name, s.Phase.ToString().ToLowerInvariant(), s.Strategy, s.StartedUtc, s.TrialsLaunched, s.Best?.Score, s.Message);

    private sealed class Study
    {
        public List<StudyEvent> Events { get; } = [];
        public EngineSnapshot? Snapshot { get; set; }
        public StudyStatus? Status { get; set; }
        public StudyResults? Summary { get; set; }
        public SortedDictionary<(int Trial, int Seq), ResultRow> Rounds { get; } = [];
    }
}
