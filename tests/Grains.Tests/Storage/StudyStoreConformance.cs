using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Grains.Tests.Storage;

// Inside the namespace: `Orleans.Configuration` would otherwise win the name.
using Configuration = Orleans.Tuning.Model.Search.Configuration;

/// <summary>The contract of <see cref="IStudyStore"/>, checked against every backend: one subclass per store.</summary>
/// <remarks>Every test makes its own study ids, so a backend may share one database among a class's tests.</remarks>
public abstract class StudyStoreConformance
{
    protected abstract IStudyStore Store { get; }

    [Fact]
    public async Task Appended_events_read_back_in_order()
    {
        var id = NewStudyId();
        await Store.AppendEventsAsync(id, 0, [Report(0, 1), Report(1, 1), Failed(2)]);
        await Store.AppendEventsAsync(id, 3, [Report(0, 2), Expired()]);

        DeepAssert.Equal(new[] { Report(0, 1), Report(1, 1), Failed(2), Report(0, 2), Expired() }, await Store.ReadEventsAsync(id));
    }

    [Fact]
    public async Task A_retried_batch_is_written_once()
    {
        var id = NewStudyId();
        await Store.AppendEventsAsync(id, 0, [Report(0, 1), Report(1, 1)]);
        await Store.AppendEventsAsync(id, 0, [Report(0, 1), Report(1, 1)]);
        await Store.AppendEventsAsync(id, 2, [Report(0, 2)]);
        await Store.AppendEventsAsync(id, 2, [Report(0, 2)]);

        DeepAssert.Equal(new[] { Report(0, 1), Report(1, 1), Report(0, 2) }, await Store.ReadEventsAsync(id));
    }

    // The study's log retries a batch whose acknowledgement was lost together with what was recorded meanwhile.
    [Fact]
    public async Task A_retry_that_carries_newer_events_appends_only_those()
    {
        var id = NewStudyId();
        await Store.AppendEventsAsync(id, 0, [Report(0, 1), Report(1, 1)]);
        await Store.AppendEventsAsync(id, 0, [Report(0, 1), Report(1, 1), Report(0, 2)]);
        await Store.AppendEventsAsync(id, 0, [Report(0, 1), Report(1, 1), Report(0, 2), Report(1, 2)]);
        await Store.AppendEventsAsync(id, 4, [Expired()]);

        DeepAssert.Equal(new[] { Report(0, 1), Report(1, 1), Report(0, 2), Report(1, 2), Expired() }, await Store.ReadEventsAsync(id));
    }

    [Fact]
    public async Task An_append_that_would_leave_a_gap_is_refused()
    {
        var id = NewStudyId();
        await Store.AppendEventsAsync(id, 0, [Report(0, 1)]);

        await Assert.ThrowsAnyAsync<Exception>(() => Store.AppendEventsAsync(id, 5, [Report(0, 6)]));
        DeepAssert.Equal(new[] { Report(0, 1) }, await Store.ReadEventsAsync(id));
    }

    [Fact]
    public async Task Hundreds_of_batches_read_back_complete_and_in_order()
    {
        var id = NewStudyId();
        var all = new List<StudyEvent>();
        for (var batch = 0; batch < 450; batch++)
        {
            var events = Enumerable.Range(0, 1 + batch % 3).Select(i => Report(batch, i)).ToList();
            await Store.AppendEventsAsync(id, all.Count, events);
            all.AddRange(events);
        }

        DeepAssert.Equal(all, await Store.ReadEventsAsync(id));
    }

    [Fact]
    public async Task The_log_reads_from_any_sequence_number_on_even_inside_a_batch()
    {
        var id = NewStudyId();
        await Store.AppendEventsAsync(id, 0, [Report(0, 1), Report(1, 1), Report(2, 1)]);
        await Store.AppendEventsAsync(id, 3, [Report(0, 2), Report(1, 2)]);

        DeepAssert.Equal(new[] { Report(2, 1), Report(0, 2), Report(1, 2) }, await Store.ReadEventsAsync(id, 2));
        DeepAssert.Equal(new[] { Report(1, 2) }, await Store.ReadEventsAsync(id, 4));
        Assert.Empty(await Store.ReadEventsAsync(id, 5));
    }

    [Fact]
    public async Task The_latest_engine_snapshot_is_kept_and_an_older_one_never_replaces_it()
    {
        var id = NewStudyId();
        Assert.Null(await Store.ReadSnapshotAsync(id));
        await Store.AppendEventsAsync(id, 0, [Report(0, 1), Report(1, 1), Report(0, 2), Report(1, 2)]);

        await Store.WriteSnapshotAsync(id, new EngineSnapshot(2, [1, 2, 3]));
        await Store.WriteSnapshotAsync(id, new EngineSnapshot(4, [4, 5]));
        // A stale activation that took its snapshot earlier writes it late.
        await Store.WriteSnapshotAsync(id, new EngineSnapshot(3, [6]));

        var latest = await Store.ReadSnapshotAsync(id);
        Assert.Equal(4, latest!.Seq);
        Assert.Equal([4, 5], latest.Engine);
        Assert.Null(await Store.ReadSnapshotAsync(NewStudyId()));
        // The snapshot summarises the log; it never replaces it.
        Assert.Equal(4, (await Store.ReadEventsAsync(id)).Count);
    }

    [Fact]
    public async Task A_retry_of_a_batch_long_since_stored_writes_nothing()
    {
        var id = NewStudyId();
        var all = new List<StudyEvent>();
        for (var batch = 0; batch < 250; batch++)
        {
            await Store.AppendEventsAsync(id, all.Count, [Report(batch, 1)]);
            all.Add(Report(batch, 1));
        }

        await Store.AppendEventsAsync(id, 0, [Report(0, 1)]);
        await Store.AppendEventsAsync(id, 240, all.Skip(240).ToList());
        await Store.AppendEventsAsync(id, 248, [Report(248, 1), Report(249, 1), Report(250, 1)]);
        all.Add(Report(250, 1));

        DeepAssert.Equal(all, await Store.ReadEventsAsync(id));
    }

    [Fact]
    public async Task Studies_do_not_see_each_others_events()
    {
        var (a, b) = (NewStudyId(), NewStudyId());
        await Store.AppendEventsAsync(a, 0, [Report(0, 1)]);
        await Store.AppendEventsAsync(b, 0, [Failed(7), Failed(8)]);
        await Store.AppendEventsAsync(a, 1, [Report(0, 2)]);

        DeepAssert.Equal(new[] { Report(0, 1), Report(0, 2) }, await Store.ReadEventsAsync(a));
        DeepAssert.Equal(new[] { Failed(7), Failed(8) }, await Store.ReadEventsAsync(b));
    }

    [Fact]
    public async Task An_unknown_study_has_no_events_and_no_results()
    {
        var id = NewStudyId();

        Assert.Empty(await Store.ReadEventsAsync(id));
        Assert.Null(await Store.ReadResultsAsync(id));
        Assert.DoesNotContain(await Store.ListStudiesAsync(), s => s.Id == id);
    }

    [Fact]
    public async Task Results_rebuild_status_rows_ranking_regions_and_failures()
    {
        var id = NewStudyId();
        var projection = Projection(id, StudyPhase.Completed);
        await Store.WriteProjectionAsync(projection);

        var results = await Store.ReadResultsAsync(id);

        Assert.NotNull(results);
        DeepAssert.Equal(WithoutLiveTrials(projection.Status), WithoutLiveTrials(results.Status));
        // Ordered by trial, then by the round's place in the trial, whatever order they were written in.
        DeepAssert.Equal(projection.Rounds.OrderBy(r => r.Row.Trial).ThenBy(r => r.Seq).Select(r => r.Row), results.Rows);
        DeepAssert.Equal(projection.Summary!.Ranking, results.Ranking);
        DeepAssert.Equal(projection.Summary.Regions, results.Regions);
        DeepAssert.Equal(projection.Summary.Failures, results.Failures);
    }

    [Fact]
    public async Task Hyperparameters_keep_their_order_and_their_kind()
    {
        var id = NewStudyId();
        var hyperparameters = new Configuration([
            KeyValuePair.Create("optimizer", (ParameterValue)"adam"),
            KeyValuePair.Create("learning_rate", (ParameterValue)3.0517578125e-05),
            KeyValuePair.Create("batch_size", (ParameterValue)"64"),
            KeyValuePair.Create("hidden", (ParameterValue)64.0),
            KeyValuePair.Create("beta", (ParameterValue)0.9990000000000001),
        ]);
        await Store.WriteProjectionAsync(Projection(id, StudyPhase.Running) with
        {
            Rounds = [new RoundProjection(0, Row(0, 1, "continue") with { Hyperparameters = hyperparameters })],
        });

        var stored = Assert.Single((await Store.ReadResultsAsync(id))!.Rows).Hyperparameters;

        Assert.Equal(new[] { "optimizer", "learning_rate", "batch_size", "hidden", "beta" }, stored.Entries.Select(e => e.Key));
        Assert.Equal("64", stored.GetString("batch_size"));
        Assert.Equal(64.0, stored.GetDouble("hidden"));
        Assert.Equal(hyperparameters, stored);
    }

    [Fact]
    public async Task Writing_the_same_projection_twice_changes_nothing()
    {
        var id = NewStudyId();
        var projection = Projection(id, StudyPhase.Running);
        await Store.WriteProjectionAsync(projection);
        var once = await Store.ReadResultsAsync(id);

        await Store.WriteProjectionAsync(projection);

        DeepAssert.Equal(once, await Store.ReadResultsAsync(id));
        Assert.Single(await Store.ListStudiesAsync(), s => s.Id == id);
    }

    [Fact]
    public async Task A_later_decision_on_a_row_replaces_the_earlier()
    {
        var id = NewStudyId();
        var first = Projection(id, StudyPhase.Running) with { Rounds = [new(0, Row(0, 1, "continue")), new(1, Row(0, 2, "wait"))] };
        await Store.WriteProjectionAsync(first);

        var decided = Row(0, 2, "stop") with { Failure = "diverged: validation loss is NaN" };
        await Store.WriteProjectionAsync(first with { Rounds = [new(1, decided)] });

        DeepAssert.Equal(new[] { Row(0, 1, "continue"), decided }, (await Store.ReadResultsAsync(id))!.Rows);
    }

    [Fact]
    public async Task A_projection_without_a_summary_keeps_the_last_summary_and_updates_the_status()
    {
        var id = NewStudyId();
        var first = Projection(id, StudyPhase.Running);
        await Store.WriteProjectionAsync(first);

        var later = Status(id, StudyPhase.Completed, trialsLaunched: 9, message: "budget spent");
        await Store.WriteProjectionAsync(first with { Status = later, Rounds = [], Trials = [], Summary = null });

        var results = await Store.ReadResultsAsync(id);
        DeepAssert.Equal(WithoutLiveTrials(later), WithoutLiveTrials(results!.Status));
        DeepAssert.Equal(first.Summary!.Ranking, results.Ranking);
        DeepAssert.Equal(first.Summary.Regions, results.Regions);
        Assert.Equal(first.Rounds.Count, results.Rows.Count);
    }

    [Fact]
    public async Task Studies_are_listed_by_start_with_their_phase_trials_and_best_score()
    {
        var (early, late) = (NewStudyId(), NewStudyId());
        var start = new DateTime(2026, 11, 25, 9, 30, 0, DateTimeKind.Utc);
        await Store.WriteProjectionAsync(Projection(late, StudyPhase.Running) with { Status = Status(late, StudyPhase.Running, start.AddMinutes(5), trialsLaunched: 3) });
        await Store.WriteProjectionAsync(Projection(early, StudyPhase.Failed) with
        {
            Status = Status(early, StudyPhase.Failed, start, trialsLaunched: 4, message: "trial 0: out of memory", best: false),
        });

        var listed = (await Store.ListStudiesAsync()).Where(s => s.Id == early || s.Id == late).ToList();

        Assert.Equal(
            new[]
            {
                new StudyListing(early, "digits " + early, "failed", "caviar", start, 4, null, "trial 0: out of memory"),
                new StudyListing(late, "digits " + late, "running", "caviar", start.AddMinutes(5), 3, 0.975, null),
            },
            listed);
    }

    // Active trials are live state: a store may keep them or not, so results compare without them.
    private static StudyStatus WithoutLiveTrials(StudyStatus s) => s with { Active = [] };

    protected static string NewStudyId() => "study-" + Guid.NewGuid().ToString("N");

    private static StudyEvent Report(int trial, int round) =>
        new(StudyEventKind.Report, trial, new RoundMetrics(round, 2, 1.0 / (round + 1), 0.7 - trial * 1e-3, 0.8 + round * 1e-3, 0.01, 1.25), null);

    private static StudyEvent Failed(int trial) => new(StudyEventKind.Failed, trial, null, $"trial {trial}: the network diverged");

    private static StudyEvent Expired() => new(StudyEventKind.Expired, -1, null, "wall time");

    private static readonly Configuration Hyperparameters = new([
        KeyValuePair.Create("activation", (ParameterValue)"relu"),
        KeyValuePair.Create("learning_rate", (ParameterValue)0.001),
        KeyValuePair.Create("hidden", (ParameterValue)128.0),
    ]);

    private static ResultRow Row(int trial, int round, string decision) =>
        new(trial, "trial", null, 0, round, round * 2, 0.5 / round, 0.6 / round, 0.9 + round * 1e-3, 0.001, 0.9 + round * 1e-3,
            Hyperparameters, decision, null);

    private static StudyStatus Status(string id, StudyPhase phase, DateTime? started = null, int trialsLaunched = 3,
        string? message = null, bool best = true) =>
        new(id, "digits " + id, phase, "caviar", "a population fits 4 slots", started ?? new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc),
            TimeSpan.FromSeconds(93.5), TimeSpan.FromMinutes(10), trialsLaunched, 12, 40, null, 2,
            [new TrialRow(2, "trial", Hyperparameters, 3, 0.91, 0.3, 0.91, "running", null)],
            best ? new BestTrial(1, new Dictionary<string, string> { ["activation"] = "relu", ["hidden"] = "128" }, "accuracy", 0.975, 0.97, 0.004, 3, 0.975, 0.08) : null,
            message, 17, "accuracy", 1, [new TrialFailure(3, 0, "out of memory")], [], []);

    private static StudyProjection Projection(string id, StudyPhase phase)
    {
        var failed = new ResultRow(3, "retest of 1", 1, 1, 0, 0, double.NaN, double.NaN, double.NaN, 0.001, double.NaN, Hyperparameters, "failed", "out of memory");
        // Written out of order on purpose: results come back by trial, then by the round's place.
        RoundProjection[] rounds = [new(1, Row(1, 2, "stop")), new(0, failed), new(0, Row(1, 1, "continue")), new(1, Row(0, 1, "wait")), new(0, Row(0, 1, "rollback"))];
        var summary = new StudyResults(Status(id, phase), [.. rounds.Select(r => r.Row)],
            [new RankedRow(1, 0.97, 0.004, 3, 0.975, [0.968, 0.967]), new RankedRow(0, 0.9, 0, 1, 0.9, [])],
            [new RegionRow(0, ["learning_rate", "hidden"], ["1e-05", "16"], ["0.1", "256"]), new RegionRow(1, ["learning_rate", "hidden"], ["0.0001", "64"], ["0.01", "256"])],
            [new TrialFailure(3, 0, "out of memory")]);
        return new StudyProjection(id, "{\"name\":\"digits\"}", Status(id, phase),
            [new TrialProjection(0, "trial", null, 0, Hyperparameters, "stopped", null, 0.901, 2), new TrialProjection(3, "retest of 1", 1, 1, Hyperparameters, "failed", "out of memory", null, 0)],
            rounds, summary);
    }
}
