using System.Collections.Concurrent;
using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Grains.Tests.Studies;

/// <summary>The in-memory store, except that a test can hold the appends of one study at a gate, as a slow or unreachable database would.</summary>
public sealed class GatedStudyStore : IStudyStore
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();
    private readonly MemoryStudyStore _inner = new();

    /// <summary>Holds every append of <paramref name="studyId"/> until the returned gate is opened.</summary>
    public static TaskCompletionSource Close(string studyId) =>
        Gates.GetOrAdd(studyId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public static int Appends(string studyId) => AppendCounts.GetValueOrDefault(studyId);

    private static readonly ConcurrentDictionary<string, int> AppendCounts = new();

    /// <summary>How many events of <paramref name="studyId"/> are stored.</summary>
    public static long Stored(string studyId) => StoredCounts.GetValueOrDefault(studyId);

    private static readonly ConcurrentDictionary<string, long> StoredCounts = new();

    public async Task AppendEventsAsync(string studyId, long firstSeq, IReadOnlyList<StudyEvent> events)
    {
        if (Gates.TryGetValue(studyId, out var gate)) await gate.Task;
        AppendCounts.AddOrUpdate(studyId, 1, (_, n) => n + 1);
        await _inner.AppendEventsAsync(studyId, firstSeq, events);
        StoredCounts.AddOrUpdate(studyId, firstSeq + events.Count, (_, n) => Math.Max(n, firstSeq + events.Count));
    }

    /// <summary>Where the last read of <paramref name="studyId"/>'s log began: 0 for a replay from the first event.</summary>
    public static long? LastReadFrom(string studyId) => ReadsFrom.TryGetValue(studyId, out var from) ? from : null;

    private static readonly ConcurrentDictionary<string, long> ReadsFrom = new();

    public Task<IReadOnlyList<StudyEvent>> ReadEventsAsync(string studyId, long fromSeq = 0)
    {
        ReadsFrom[studyId] = fromSeq;
        return _inner.ReadEventsAsync(studyId, fromSeq);
    }

    public Task<EngineSnapshot?> ReadSnapshotAsync(string studyId) => _inner.ReadSnapshotAsync(studyId);
    public Task WriteSnapshotAsync(string studyId, EngineSnapshot snapshot) => _inner.WriteSnapshotAsync(studyId, snapshot);
    /// <summary>How many projection writes <paramref name="studyId"/> has made.</summary>
    public static int ProjectionWrites(string studyId) => ProjectionCounts.GetValueOrDefault(studyId);

    private static readonly ConcurrentDictionary<string, int> ProjectionCounts = new();

    /// <summary>Holds the projection writes of <paramref name="studyId"/> that record its end (a phase other than running) until the returned gate is opened.</summary>
    public static TaskCompletionSource CloseEnd(string studyId) =>
        EndGates.GetOrAdd(studyId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private static readonly ConcurrentDictionary<string, TaskCompletionSource> EndGates = new();

    public async Task WriteProjectionAsync(StudyProjection projection)
    {
        if (projection.Status.Phase != StudyPhase.Running && EndGates.TryGetValue(projection.StudyId, out var gate)) await gate.Task;
        ProjectionCounts.AddOrUpdate(projection.StudyId, 1, (_, n) => n + 1);
        await _inner.WriteProjectionAsync(projection);
    }
    public Task<StudyResults?> ReadResultsAsync(string studyId) => _inner.ReadResultsAsync(studyId);
    public Task<IReadOnlyList<StudyListing>> ListStudiesAsync() => _inner.ListStudiesAsync();
}
