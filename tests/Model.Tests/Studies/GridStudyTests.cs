using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class GridStudyTests
{
    // 3 × 3 = 9 grid points for a population of 4: smaller than two generations, not a multiple of the size.
    private static string Spec(string strategy) => $$"""
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
          epsilon: { min: 1.0e-8, max: 1.0e-4 }
        sampler: { kind: grid, points: 3 }
        strategy: {{strategy}}
        budget: { trials: 20, max_epochs_per_trial: 2 }
        population: { size: 4 }
        generation_size: 4
        stopping: none
        retest: { enabled: false }
        seed: 5
        """;

    private static GridSampler Grid(StudyEngine engine) => new(engine.Spec.Space, 3);

    [Theory]
    [InlineData("caviar")]
    [InlineData("panda")]
    public void A_grid_study_trains_every_grid_point_once_and_ends_exhausted(string strategy)
    {
        var spec = StudySimulator.Spec(strategy == "caviar" ? Spec(strategy).Replace("generation_size: 4\n", "") : Spec(strategy).Replace("population: { size: 4 }\n", ""));
        var engine = new StudySimulator(new StudyEngine(spec, Enum.Parse<StudyStrategy>(strategy, ignoreCase: true)), StudySimulator.PeakedObjective).Run();

        Assert.True(engine.IsFinished);
        Assert.Equal("search space exhausted", engine.FinishReason);
        var grid = Grid(engine);
        var expected = Enumerable.Range(0, grid.Count).Select(i => string.Join(",", grid.Sample(i))).Order();
        Assert.Equal(expected, engine.Trials.Select(t => string.Join(",", t.Launch.Point)).Order());
    }

    [Fact]
    public void A_grid_is_never_squeezed_into_a_narrowed_region()
    {
        var spec = StudySimulator.Spec(Spec("caviar").Replace("generation_size: 4\n", ""));
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();

        // Both bounds of the learning rate belong to the grid, whatever the first generation found.
        var rates = engine.Trials.Select(t => t.Launch.Hyperparameters.GetDouble("learning_rate")).ToArray();
        Assert.Contains(rates, r => Math.Abs(r - 1e-4) < 1e-12);
        Assert.Contains(rates, r => Math.Abs(r - 1.0) < 1e-12);
    }
}
