using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Studies;

/// <summary>The study's end (the leader's test evaluation, the final tables, the directory) is the study's own work: the last trial does not wait on it.</summary>
[Collection(ClusterCollection.Name)]
public class StudyEndTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_last_trial_is_told_to_stop_while_the_studys_end_is_still_being_written()
    {
        const string id = "gated-end";
        var gate = GatedStudyStore.CloseEnd(id);
        var trial = fixture.Grains.GetGrain<ITrialGrain>(TrialKeys.Of(id, 0));
        var run = StudyRunner.Run(fixture.Grains, id, DurableDecisionTests.Panda);

        // The store holds the study's final write; the trial's last report is answered all the same. (Were the answer
        // held behind the end, it would come only when the report call timed out, after 30 s, and the trial retried.)
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        TrialStatus status;
        while ((status = await trial.GetStatus()).State != TrialState.Stopped)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the last trial is still {status.State} after round {status.Round}: its report waits on the study's end");
            await Task.Delay(50);
        }
        Assert.Equal(3, status.Round);

        gate.SetResult();
        var (_, final, _) = await run;
        Assert.Equal(StudyPhase.Completed, final.Phase);
        Assert.NotNull(final.Best?.TestAccuracy);
    }
}
