using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class StoppingStudyTests
{
    private static string Spec(int grace) => $$"""
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
        strategy: caviar
        budget: { trials: 9, max_epochs_per_trial: 9 }
        population: { size: 9, ready_every_rounds: 100 }
        stopping: { kind: asha, grace_rounds: {{grace}}, reduction_factor: 3 }
        retest: { enabled: false }
        seed: 2
        """;

    // Later trials are better: in lockstep, an asynchronous rule judged in trial order would keep them all.
    private static RoundReport ByNumber(TrialLaunch launch, Configuration h, int round, double learningRate)
    {
        var accuracy = 0.5 + 0.01 * launch.Number + 0.001 * round;
        return new RoundReport(round, round, 1 - accuracy, 1 - accuracy, accuracy, learningRate);
    }

    private static (StudyEngine Engine, StudySimulator Sim) Run(int grace)
    {
        var sim = new StudySimulator(new StudyEngine(StudySimulator.Spec(Spec(grace)), StudyStrategy.Caviar), ByNumber);
        return (sim.Run(), sim);
    }

    [Fact]
    public void Asha_in_a_caviar_population_stops_nobody_within_the_grace_rounds()
    {
        var (_, sim) = Run(grace: 2);

        var stops = sim.Decisions.Where(d => d.Decision is Decision.Stop).ToList();
        Assert.NotEmpty(stops);
        Assert.All(stops, s => Assert.True(s.Round >= 3, $"trial {s.Trial} stopped in round {s.Round}"));
    }

    [Fact]
    public void Asha_in_a_caviar_population_keeps_the_best_third_at_the_first_rung()
    {
        var (engine, _) = Run(grace: 0);

        var survivors = engine.Trials.Where(t => t.Rounds.Count > 1).Select(t => t.Number).Order();
        Assert.Equal([6, 7, 8], survivors);
    }

    [Fact]
    public void The_default_halves_a_population_of_8_at_rounds_1_2_and_4_for_the_epochs_of_2_5_full_trials()
    {
        // Nothing but data, space and budget: the defaults the league table chose.
        var spec = StudySimulator.Spec("""
            data: { path: data.csv }
            space:
              learning_rate: { min: 1.0e-4, max: 1.0 }
            budget: { total_epochs: 20, max_epochs_per_trial: 8 }
            seed: 4
            """);
        var strategy = StrategyChoice.Choose(spec.Strategy, spec.Population.Size, slots: 2, silos: 1).Strategy;
        var engine = new StudySimulator(new StudyEngine(spec, strategy), StudySimulator.PeakedObjective).Run();

        Assert.Equal(StudyStrategy.Caviar, strategy);
        Assert.Equal(8, engine.Trials.Count);
        Assert.Equal(20, engine.EpochsUsed);
        Assert.Equal([1, 1, 1, 1, 2, 2, 4, 8], engine.Trials.Select(t => t.Rounds.Count).Order());
        // The one trained to the end is the one closest to the objective's peak.
        var best = engine.Trials.MinBy(t => Math.Abs(Math.Log10(t.Hyperparameters.GetDouble("learning_rate")) + 2))!;
        Assert.Equal(8, best.Rounds.Count);
    }
}
