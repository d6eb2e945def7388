using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Grains.Tests.Studies;

[Collection(ClusterCollection.Name)]
public class StudyViewTests(ClusterFixture fixture)
{
    private const string IrisCaviar = """
        data: { path: iris.csv, validation_fraction: 0.3 }
        space:
          learning_rate: { min: 1.0e-3, max: 1.0e-1 }
          beta1: { min: 0.8, max: 0.99 }
          optimizer: [adam, momentum]
        fixed: { layers: 1, hidden_units: 8, batch_size: 16 }
        strategy: caviar
        budget: { trials: 8, epochs_per_round: 2, max_epochs_per_trial: 4 }
        population: { size: 4, ready_every_rounds: 2 }
        stopping: none
        sampler: random
        retest: { every_trials: 4, leaders: 1, repeats: 1 }
        seed: 5
        """;

    [Fact]
    public async Task The_status_carries_a_leaderboard_ranked_by_mean_and_each_dimension_on_its_scale()
    {
        var (_, final, seen) = await StudyRunner.Run(fixture.Grains, "view-iris", IrisCaviar);

        Assert.Equal(StudyPhase.Completed, final.Phase);
        Assert.InRange(final.Leaders.Count, 1, 5);
        Assert.Equal(final.Best!.Trial, final.Leaders[0].Trial);
        Assert.Equal(final.Best.Mean, final.Leaders[0].Mean);
        Assert.Equal(final.Leaders.Select(l => l.Mean).OrderDescending(), final.Leaders.Select(l => l.Mean));
        Assert.Contains(final.Leaders, l => l.Runs >= 2);

        Assert.Equal(["learning_rate", "beta1", "optimizer"], final.Space.Select(d => d.Name));
        Assert.Equal(["Log", "OneMinusLog", "Categorical"], final.Space.Select(d => d.Scale));
        Assert.Equal((1e-3, 1e-1), (final.Space[0].Min, final.Space[0].Max));
        Assert.Equal(["adam", "momentum"], final.Space[2].Choices);
        // Coarse to fine: after the first generation the current region is narrower than the whole space somewhere.
        Assert.All(seen.SelectMany(s => s.Space), d => Assert.True(0 <= d.RegionLower && d.RegionLower <= d.RegionUpper && d.RegionUpper <= 1));
        Assert.Contains(final.Space, d => d.RegionUpper - d.RegionLower < 1);
    }
}
