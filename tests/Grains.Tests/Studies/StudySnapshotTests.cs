using Orleans.Core.Internal;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Grains.Tests.Studies;

/// <summary>A study that re-activates restores its engine snapshot and replays only the events after it (the cluster snapshots every 10 events or so).</summary>
[Collection(ClusterCollection.Name)]
public class StudySnapshotTests(ClusterFixture fixture)
{
    // Three populations of four in turn, so the study is restarted in the middle of its history.
    private static readonly string IrisCaviar = StudyGrainTests.IrisCaviar
        .Replace("budget: { trials: 8,", "budget: { trials: 12,")
        .Replace("retest: { every_trials: 4, leaders: 1, repeats: 1 }", "retest: { enabled: false }\ngeneration_size: 4")
        .Replace("seed: 4", "seed: 9");

    [Fact]
    public async Task A_study_deactivated_mid_run_resumes_from_its_snapshot_and_ends_as_an_undisturbed_run_does()
    {
        var (undisturbed, _, _) = await StudyRunner.Run(fixture.Grains, "slow-snapshot-undisturbed", IrisCaviar);
        var deactivated = false;
        var (disturbed, final, _) = await StudyRunner.Run(fixture.Grains, "slow-snapshot-disturbed", IrisCaviar, onPoll: async status =>
        {
            if (deactivated || status.EpochsUsed < 40) return;
            await fixture.Grains.GetGrain<IStudyGrain>("slow-snapshot-disturbed").Cast<IGrainManagementExtension>().DeactivateOnIdle();
            deactivated = true;
        });

        Assert.True(deactivated);
        Assert.Equal(StudyPhase.Completed, final.Phase);
        // The second activation read the log from a snapshot on, not from its first event.
        Assert.InRange(GatedStudyStore.LastReadFrom("slow-snapshot-disturbed") ?? 0, 10, GatedStudyStore.Stored("slow-snapshot-disturbed") - 1);
        var a = await undisturbed.GetResults();
        var b = await disturbed.GetResults();
        Assert.Equal(a.Rows.Select(StudyGrainTests.Line).Order(), b.Rows.Select(StudyGrainTests.Line).Order());
        Assert.Equal(a.Status.Best!.Trial, b.Status.Best!.Trial);
        Assert.Equal(a.Status.Best.Mean, b.Status.Best.Mean);
        Assert.Equal(a.Regions.Count, b.Regions.Count);
    }

    [Fact]
    public async Task A_finished_study_re_activates_from_its_final_snapshot_without_replaying_an_event_or_rewriting_a_row()
    {
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, "snapshot-finished", IrisCaviar);
        var before = await study.GetResults();
        await study.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await study.GetStatus();
        var writes = GatedStudyStore.ProjectionWrites("snapshot-finished");

        await study.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var after = await study.GetResults();
        await study.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await study.GetStatus();

        Assert.Equal(writes, GatedStudyStore.ProjectionWrites("snapshot-finished"));
        Assert.Equal(StudyPhase.Completed, final.Phase);
        Assert.Equal(GatedStudyStore.Stored("snapshot-finished"), GatedStudyStore.LastReadFrom("snapshot-finished"));
        Assert.Equal(before.Rows.Count, after.Rows.Count);
        Assert.Equal(before.Status.TrialsLaunched, after.Status.TrialsLaunched);
        Assert.Equal(before.Status.EpochsUsed, after.Status.EpochsUsed);
        Assert.Equal(before.Status.Best!.Trial, after.Status.Best!.Trial);
        Assert.Equal(before.Status.Best.Mean, after.Status.Best.Mean);
    }
}
