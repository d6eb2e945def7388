using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Grains.Storage;

/// <summary>Where a study's history lives (an append-only log of its engine's events) and its queryable projection.</summary>
/// <remarks>
/// The contract every implementation keeps, and the conformance tests check:
/// - one writer per study, its grain; reads may come from anyone (export, a dashboard);
/// - an append is durable when its task completes, and idempotent by (study, first sequence number):
///   a retry after a lost acknowledgement writes nothing twice;
/// - <see cref="ReadEventsAsync"/> returns every appended event from a sequence number on, once each, in order;
/// - an engine snapshot covers the events before its sequence number; the store keeps the latest, never
///   replacing it with an older one, and a study with a snapshot still has its whole log;
/// - the projection is derived data, upserted by key, so writing the same rows again changes nothing.
/// Each write carries only what changed since the last one: the cost of a write never grows with the study's age.
/// </remarks>
public interface IStudyStore
{
    /// <param name="fromSeq">The first event wanted: 0 for the whole log, a snapshot's sequence number for what came after it.</param>
    Task<IReadOnlyList<StudyEvent>> ReadEventsAsync(string studyId, long fromSeq = 0);

    /// <param name="firstSeq">The sequence number of <paramref name="events"/>[0]; a study's events are numbered from 0.</param>
    Task AppendEventsAsync(string studyId, long firstSeq, IReadOnlyList<StudyEvent> events);

    /// <summary>The study's latest engine snapshot, or null if it has none.</summary>
    Task<EngineSnapshot?> ReadSnapshotAsync(string studyId);

    /// <summary>Keeps <paramref name="snapshot"/> unless the study already has a later one.</summary>
    Task WriteSnapshotAsync(string studyId, EngineSnapshot snapshot);

    Task WriteProjectionAsync(StudyProjection projection);

    /// <summary>A study's results rebuilt from the projection, or null if the store has never heard of it.</summary>
    Task<StudyResults?> ReadResultsAsync(string studyId);

    Task<IReadOnlyList<StudyListing>> ListStudiesAsync();
}

/// <summary>The study engine's state after the first <paramref name="Seq"/> events of the log (<see cref="Model.Studies.StudyEngine.Snapshot"/>).</summary>
public sealed record EngineSnapshot(long Seq, byte[] Engine);

/// <summary>What changed in a study since its last projection write.</summary>
/// <param name="Summary">Ranking, regions and failures, written when they are worth recomputing (on completion, and now and then).</param>
public sealed record StudyProjection(
    string StudyId,
    string SpecText,
    StudyStatus Status,
    IReadOnlyList<TrialProjection> Trials,
    IReadOnlyList<RoundProjection> Rounds,
    StudyResults? Summary);

public sealed record TrialProjection(
    int Trial, string Kind, int? RetestOf, int Generation, Model.Search.Configuration Hyperparameters,
    string State, string? Failure, double? LastScore, int Rounds);

/// <param name="Seq">The round's place among every round the trial reported (a rolled-back round and its redo share a round number).</param>
public sealed record RoundProjection(int Seq, ResultRow Row);

/// <summary>One line of `tune list`.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.StudyListing")]
public sealed record StudyListing(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Phase,
    [property: Id(3)] string Strategy,
    [property: Id(4)] DateTime StartedUtc,
    [property: Id(5)] int Trials,
    [property: Id(6)] double? BestScore,
    [property: Id(7)] string? Message);
