using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class ReplayTests
{
    internal static string Spec(string strategy, string sampler) => $$"""
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
          optimizer: [momentum, rmsprop, adam]
          layers: { min: 1, max: 3 }
        strategy: {{strategy}}
        sampler: {{sampler}}
        budget: { total_epochs: 90, max_epochs_per_trial: 6 }
        {{(strategy == "panda" ? "population: { size: 4 }" : "population: { size: 4, ready_every_rounds: 2 }")}}
        stopping: { kind: median, grace_rounds: 1 }
        retest: { every_trials: 4, leaders: 1, repeats: 1, max_share: 0.3 }
        seed: 6
        """;

    [Theory]
    [InlineData("caviar", "random")]
    [InlineData("panda", "halton")]
    [InlineData("caviar", "tpe")]
    [InlineData("panda", "tpe")]
    [InlineData("caviar", "gp")]
    public void Replaying_the_reports_rebuilds_the_same_engine(string strategy, string sampler)
    {
        var spec = StudySimulator.Spec(Spec(strategy, sampler));
        var kind = Enum.Parse<StudyStrategy>(strategy, ignoreCase: true);
        var sim = new StudySimulator(new StudyEngine(spec, kind), StudySimulator.PeakedObjective);
        var original = sim.Run(orderSeed: 4);

        var replayed = new StudyEngine(spec, kind);
        replayed.Start();
        foreach (var (trial, report) in sim.Reports) replayed.Report(trial, report);

        Assert.True(replayed.IsFinished);
        Assert.Equal(original.FinishReason, replayed.FinishReason);
        Assert.Equal(original.EpochsUsed, replayed.EpochsUsed);
        Assert.Equal(original.Regions, replayed.Regions);
        Assert.Equal(original.Ranking(), replayed.Ranking());
        Assert.Equal(Describe(original), Describe(replayed));
    }

    [Fact]
    public void A_halton_study_samples_its_first_generation_from_the_halton_sequence()
    {
        var spec = StudySimulator.Spec(Spec("caviar", "halton").Replace("  optimizer: [momentum, rmsprop, adam]\n  layers: { min: 1, max: 3 }\n", ""));
        var engine = new StudyEngine(spec, StudyStrategy.Caviar);

        var launches = engine.Start().Launches;

        var halton = new HaltonSampler(spec.Space.Count, spec.Seed);
        Assert.Equal(Enumerable.Range(0, 4).Select(halton.Sample), launches.Select(l => l.Point));
    }

    private static IEnumerable<string> Describe(StudyEngine engine) =>
        engine.Trials.Select(t => $"{t.Number} {t.Kind} {t.Phase} {t.Hyperparameters} {t.LearningRate} {t.Rounds.Count} {t.AllRounds.Count} {t.Note} {t.Launch.SplitSeed}");
}
