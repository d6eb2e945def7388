using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class SnapshotTests
{
    // The replay tests' mixed space, with a longer budget, a stopping rule of the test's choosing, earlier re-tests and
    // several generations, so that restores land among rollbacks, exploits, stops, re-tests and narrowed regions.
    private static string Spec(string strategy, string sampler, string stopping) =>
        ReplayTests.Spec(strategy, sampler)
            .Replace("total_epochs: 90", "total_epochs: 120")
            .Replace("stopping: { kind: median, grace_rounds: 1 }", "stopping: " + (stopping == "none" ? "none" : $"{{ kind: {stopping}, grace_rounds: 1 }}"))
            .Replace("every_trials: 4", "every_trials: 3")
            .Replace("seed: 6", "seed: 11")
            .Replace("population: { size: 4 }\n", "") // a panda's population size stands in for the generation size given here
        + "\ngeneration_size: 8";

    // The peaked objective, except that a fast learning rate blows up in round 2: the panda rolls such a round back.
    // Deeper networks take longer, for the studies that weigh seconds per epoch too.
    private static RoundReport Objective(TrialLaunch launch, Configuration h, int round, double learningRate) =>
        (learningRate > 0.2 && round == 2
            ? new RoundReport(round, round, double.NaN, double.NaN, 0.1, learningRate)
            : StudySimulator.PeakedObjective(launch, h, round, learningRate)) with { Seconds = 0.1 * h.GetDouble("layers") + 0.01 * round };

    [Theory]
    [InlineData("caviar", "random", "asha")]
    [InlineData("caviar", "halton", "median")]
    [InlineData("panda", "random", "median")]
    [InlineData("panda", "tpe", "none")]
    [InlineData("caviar", "grid", "none")]
    [InlineData("caviar", "tpe", "none", "objectives: [accuracy, seconds_per_epoch]")]
    public void A_restored_engine_decides_every_later_event_as_the_original_does(string strategy, string sampler, string stopping, string extra = "")
    {
        var spec = StudySimulator.Spec(Spec(strategy, sampler, stopping).Replace("sampler: grid", "sampler: { kind: grid, points: 3 }") + "\n" + extra);
        var kind = Enum.Parse<StudyStrategy>(strategy, ignoreCase: true);
        var sim = new StudySimulator(new StudyEngine(spec, kind), Objective);
        var original = sim.Run(orderSeed: 5);
        var events = sim.Reports;
        Assert.True(original.IsFinished);
        Assert.Contains(sim.Decisions, d => d.Decision is Decision.Stop);
        if (kind == StudyStrategy.Panda) Assert.Contains(sim.Decisions, d => d.Decision is Decision.Rollback);
        else if (stopping != "asha") Assert.Contains(sim.Decisions, d => d.Decision is Decision.Exploit);

        // The answers of an engine replayed from the start: the reference every restored engine is held to.
        var reference = Started(spec, kind);
        var answers = events.Select(e => Describe(reference.Report(e.Trial, e.Report))).ToList();

        foreach (var cut in Cuts(events.Count))
        {
            var before = Started(spec, kind);
            foreach (var (trial, report) in events.Take(cut)) before.Report(trial, report);

            var restored = StudyEngine.Restore(spec, kind, before.Snapshot());

            // A report resent from before the cut gets the answer it got the first time.
            if (cut > 0)
            {
                var (trial, report) = events[cut - 1];
                Assert.Equal(Describe(before.Report(trial, report)), Describe(restored.Report(trial, report)));
            }
            for (var i = cut; i < events.Count; i++)
                Assert.Equal(answers[i], Describe(restored.Report(events[i].Trial, events[i].Report)));
            Assert.True(restored.IsFinished);
            Assert.Equal(reference.FinishReason, restored.FinishReason);
            Assert.Equal(reference.Regions, restored.Regions);
            Assert.Equal(reference.Ranking(), restored.Ranking());
            Assert.Equal(reference.Leaders(3), restored.Leaders(3));
            Assert.Equal(reference.Snapshot(), restored.Snapshot());
        }
    }

    // A field added to the engine and forgotten in StudyEngine.Snapshot.cs would be lost on every restart, silently:
    // this list is the reminder. Fields are either written (WriteState/ReadState), rebuilt from what is, or built from the spec.
    [Fact]
    public void Every_field_of_the_engine_is_in_the_snapshot_rebuilt_from_it_or_built_from_the_spec()
    {
        string[] inSnapshot =
        [
            "_rng", "_trials", "_failures", "_learned", "_samples", "_regions", "_generationTrials", "_population", "_retestsOf",
            "_completedSinceRetest", "_roundsSinceRetest", "_retestRequested", "_retesting", "_finalRetestStarted", "_reserveReleased",
            "_noMoreLaunches", "<Generation>k__BackingField", "<EpochsUsed>k__BackingField", "<IsFinished>k__BackingField",
            "<FinishReason>k__BackingField", "<Failed>k__BackingField", "_stopping",
        ];
        string[] rebuilt = ["_active", "_searchLaunched", "_leaderboard", "_evidence", "_version", "_ranking"];
        string[] fromSpec = ["_sampler", "_retest", "_panda", "_priors", "<Spec>k__BackingField", "<Strategy>k__BackingField", "<MaxRounds>k__BackingField"];

        var fields = typeof(StudyEngine).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public)
            .Select(f => f.Name);

        Assert.Equal(inSnapshot.Concat(rebuilt).Concat(fromSpec).Order(), fields.Order());
    }

    [Fact]
    public void A_snapshot_of_another_study_or_layout_is_refused_rather_than_misread()
    {
        var spec = StudySimulator.Spec(Spec("caviar", "random", "asha"));
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), Objective).Run();
        var snapshot = engine.Snapshot();

        var otherSeed = StudySimulator.Spec(Spec("caviar", "random", "asha").Replace("seed: 11", "seed: 12"));
        Assert.Throws<InvalidDataException>(() => StudyEngine.Restore(otherSeed, StudyStrategy.Caviar, snapshot));
        Assert.Throws<InvalidDataException>(() => StudyEngine.Restore(spec, StudyStrategy.Panda, snapshot));

        var truncated = Recompressed(snapshot, raw => raw[..(raw.Length / 2)]);
        Assert.Throws<InvalidDataException>(() => StudyEngine.Restore(spec, StudyStrategy.Caviar, truncated));
        var otherLayout = Recompressed(snapshot, raw => { raw[0] ^= 0x7F; return raw; });
        Assert.Throws<InvalidDataException>(() => StudyEngine.Restore(spec, StudyStrategy.Caviar, otherLayout));
    }

    private static StudyEngine Started(StudySpec spec, StudyStrategy kind)
    {
        var engine = new StudyEngine(spec, kind);
        engine.Start();
        return engine;
    }

    // The start, the end, and a spread of points between, mid-round and mid-generation among them.
    private static IEnumerable<int> Cuts(int events) => Enumerable.Range(0, 9).Select(k => k * events / 8).Append(1).Append(events - 1).Distinct();

    private static string Describe(EngineStep step) =>
        string.Join("; ", step.Launches.Select(l => $"launch {l.Number} {l.Hyperparameters} {l.Seed} {l.SplitSeed} {l.RetestOf}")
            .Concat(step.Decisions.Select(d => $"{d.Trial}@{d.Round}: {d.Decision}")));

    private static byte[] Recompressed(byte[] snapshot, Func<byte[], byte[]> change)
    {
        using var raw = new MemoryStream();
        using (var unzip = new System.IO.Compression.ZLibStream(new MemoryStream(snapshot), System.IO.Compression.CompressionMode.Decompress)) unzip.CopyTo(raw);
        using var zipped = new MemoryStream();
        using (var zip = new System.IO.Compression.ZLibStream(zipped, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            zip.Write(change(raw.ToArray()));
        return zipped.ToArray();
    }
}
