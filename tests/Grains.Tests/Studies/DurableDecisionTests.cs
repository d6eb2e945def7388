using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Studies;

/// <summary>A trial acts only on decisions whose event is stored: a study that restarts makes every one of them again.</summary>
[Collection(ClusterCollection.Name)]
public class DurableDecisionTests(ClusterFixture fixture)
{
    /// <summary>One panda trial of three one-epoch rounds on iris: a study with a single last report.</summary>
    internal const string Panda = """
        data: { path: iris.csv, validation_fraction: 0.3 }
        space: { learning_rate: { min: 1.0e-3, max: 1.0e-1 } }
        fixed: { layers: 1 }
        strategy: panda
        budget: { trials: 1, epochs_per_round: 1, max_epochs_per_trial: 3 }
        stopping: none
        retest: { enabled: false }
        """;

    [Fact]
    public async Task A_trial_gets_no_decision_until_its_report_is_stored_and_goes_on_once_it_is()
    {
        const string id = "gated-durable";
        var gate = GatedStudyStore.Close(id);
        var trial = fixture.Grains.GetGrain<ITrialGrain>(TrialKeys.Of(id, 0));
        var run = StudyRunner.Run(fixture.Grains, id, Panda);

        // The trial trains its first round and reports it; the store holds the report's event.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while ((await trial.GetStatus()).Round < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the trial never finished its first round");
            await Task.Delay(50);
        }
        await Task.Delay(TimeSpan.FromMilliseconds(700)); // several flush intervals of the old write-behind
        var held = await trial.GetStatus();
        Assert.Equal(1, held.Round);
        Assert.Equal(TrialState.Waiting, held.State);
        Assert.Equal(0, GatedStudyStore.Appends(id));

        gate.SetResult();
        var (_, final, _) = await run;

        Assert.Equal(StudyPhase.Completed, final.Phase);
        Assert.Equal(3, (await trial.GetStatus()).Round);
        Assert.True(GatedStudyStore.Appends(id) >= 1);
    }
}
