using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Tests.Studies;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Trials;

[Collection(ClusterCollection.Name)]
public class TrialGrainTests(ClusterFixture fixture)
{
    private const string Slow = """
        data: { path: iris.csv }
        space: { learning_rate: { min: 1.0e-3, max: 1.0e-1 } }
        strategy: caviar
        budget: { trials: 2, max_epochs_per_trial: 3 }
        population: { size: 2 }
        stopping: none
        retest: { enabled: false }
        """;

    [Fact]
    public async Task A_trial_answers_status_calls_while_it_trains()
    {
        var trial = fixture.Grains.GetGrain<ITrialGrain>(TrialKeys.Of("slow-status", 0));
        var sawTraining = false;
        var (_, final, _) = await StudyRunner.Run(fixture.Grains, "slow-status", Slow, onPoll: async _ =>
        {
            // A round takes ≥ 150 ms; a status call must not wait for it.
            var started = DateTime.UtcNow;
            var s = await trial.GetStatus();
            if (s.Training && DateTime.UtcNow - started < TimeSpan.FromMilliseconds(100)) sawTraining = true;
        });
        Assert.Equal(StudyPhase.Completed, final.Phase);
        Assert.True(sawTraining, "a status call returned while the trial was training");
    }

    [Fact]
    public async Task A_dataset_is_read_once_per_silo_however_many_trials_train_on_it()
    {
        var cache = ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services.GetRequiredService<DatasetCache>();
        var yaml = Slow.Replace("iris.csv", "digits.csv").Replace("trials: 2", "trials: 4").Replace("size: 2", "size: 4");
        var before = cache.LoadCount;
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, "digits-cache", yaml);
        Assert.Equal(StudyPhase.Completed, final.Phase);
        Assert.Equal(4, (await study.GetResults()).Rows.Select(r => r.Trial).Distinct().Count());
        Assert.Equal(before + 1, cache.LoadCount);
    }
}
