using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Tests.Studies;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Placement;

/// <summary>Trials go where a training slot is free: two silos of one slot each train a population of two side by side.</summary>
public sealed class FreeSlotsPlacementTests : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 2);
        builder.AddSiloBuilderConfigurator<OneSlotSilo>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        // Placement only knows the silos its own membership view lists as active; a silo not yet seen there gets nothing.
        await _cluster.WaitForLivenessToStabilizeAsync();
    }

    public async Task DisposeAsync() => await _cluster.StopAllSilosAsync();

    [Fact]
    public async Task A_population_of_two_on_two_one_slot_silos_trains_one_member_on_each()
    {
        const string yaml = """
            data: { path: iris.csv }
            space: { learning_rate: { min: 1.0e-3, max: 1.0e-1 } }
            strategy: caviar
            population: { size: 2 }
            budget: { trials: 2, epochs_per_round: 1, max_epochs_per_trial: 3 }
            stopping: none
            retest: { enabled: false }
            """;
        var silosOfTrials = new HashSet<string>();
        var (_, final, _) = await StudyRunner.Run(_cluster.Client, "slow-placement", yaml, onPoll: async study =>
        {
            // Asking a trial that has not been activated yet would activate it, placed by whichever silo took the call:
            // only trials the study has heard from (so placed by the study's own launch) are asked where they train.
            if (study.Active.Count(t => t.Round >= 1) < 2) return;
            for (var n = 0; n < 2; n++)
            {
                var status = await _cluster.Client.GetGrain<ITrialGrain>(TrialKeys.Of("slow-placement", n)).GetStatus();
                if (status.Training) silosOfTrials.Add($"{n}@{status.Silo}");
            }
        });

        Assert.Equal(StudyPhase.Completed, final.Phase);
        var silos = silosOfTrials.Select(s => s.Split('@')[1]).Distinct().ToList();
        Assert.True(silos.Count == 2, $"both silos should train a member, saw: {string.Join(", ", silosOfTrials)}");
        // Each member stayed where it was placed (no silo trained both).
        Assert.Equal(2, silosOfTrials.Count);
    }

    private sealed class OneSlotSilo : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(StorageNames.Tuning, o => o.UseOrleansSerializer());
            silo.UseInMemoryReminderService();
            silo.Services.AddTuning(o => o.Slots = 1);
            silo.Services.AddSingleton<ITrialRunner, TestRunners>();
        }
    }
}
