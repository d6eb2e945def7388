using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Studies;

public enum StudyEventKind { Report, Failed, Expired, RetestRequested }

/// <summary>One input to the study engine. Replayed in order, the events rebuild the engine exactly.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.StudyEvent")]
public sealed record StudyEvent(
    [property: Id(0)] StudyEventKind Kind,
    [property: Id(1)] int Trial,
    [property: Id(2)] RoundMetrics? Metrics,
    [property: Id(3)] string? Message);

/// <summary>What a study stores beside its event log: its spec, the strategy resolved for it, and how it ended. Written three times in its life.</summary>
[GenerateSerializer, Alias("Orleans.Tuning.StudyGrainState")]
public sealed class StudyGrainState
{
    [Id(0)] public string? SpecText { get; set; }
    [Id(1)] public string Strategy { get; set; } = "";
    [Id(2)] public string StrategyReason { get; set; } = "";
    [Id(3)] public DateTime StartedUtc { get; set; }
    // Id 4 held the event list before the log moved to its own store; it stays retired.
    [Id(5)] public StudyPhase Phase { get; set; }
    [Id(6)] public DateTime? FinishedUtc { get; set; }
    [Id(7)] public string? Message { get; set; }

    /// <summary>The chosen configuration on the test part, measured once when the study completed.</summary>
    [Id(8)] public TestResult? Test { get; set; }

    /// <summary>The finished study's tables and summary are written: an activation after that has nothing to rewrite.</summary>
    [Id(9)] public bool ProjectionFinal { get; set; }
}

/// <summary>How often a study writes its queryable tables and checks its clock.</summary>
public sealed class StudyOptions
{
    /// <summary>How far the queryable tables (trials, rounds) may trail the event log, which is written before every decision.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the study makes sure its active trials are still training (after a silo failure, say).</summary>
    public TimeSpan WatchdogPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events after which the study first snapshots its engine; each later snapshot waits until the log has doubled.</summary>
    public int SnapshotMinEvents { get; set; } = 1000;
}
