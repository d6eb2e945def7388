using Orleans.Tuning.Model.Scheduling;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class StudyEngineTests
{
    private const string Caviar = """
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
          hidden_units: { min: 16, max: 128 }
        strategy: caviar
        budget: { trials: 24, max_epochs_per_trial: 6 }
        population: { size: 8, ready_every_rounds: 2 }
        stopping: none
        retest: { enabled: false }
        seed: 3
        """;

    [Fact]
    public void A_caviar_study_runs_generations_of_its_population_size_until_the_trial_budget()
    {
        var engine = new StudySimulator(new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();
        Assert.True(engine.IsFinished);
        Assert.Equal(24, engine.SearchTrialsLaunched);
        Assert.Equal(3, engine.Trials.Select(t => t.Launch.Generation).Distinct().Count());
        Assert.All(engine.Trials, t => Assert.False(t.IsActive));
        Assert.All(engine.Trials, t => Assert.Equal(6, t.Rounds.Count)); // no early stopping: every trial reaches its cap
    }

    [Fact]
    public void Under_caviar_a_generation_holds_generation_size_trials_in_whole_populations()
    {
        var spec = StudySimulator.Spec(Caviar.Replace("population: { size: 8, ready_every_rounds: 2 }", "population: { size: 4, ready_every_rounds: 2 }\ngeneration_size: 8\nsampler: random"));
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();

        Assert.Equal(24, engine.SearchTrialsLaunched);
        Assert.Equal([8, 8, 8], engine.Trials.GroupBy(t => t.Launch.Generation).Select(g => g.Count()));
        Assert.Equal(4, engine.Regions.Count); // the full cube, then one narrowing per generation
    }

    [Fact]
    public void Coarse_to_fine_narrows_the_region_around_the_best_trials()
    {
        var engine = new StudySimulator(new StudyEngine(StudySimulator.Spec(Caviar + "\nsampler: random"), StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();
        Assert.True(engine.Regions.Count >= 3);
        double Width(int r) => engine.Regions[r].Upper[0] - engine.Regions[r].Lower[0];
        Assert.True(Width(engine.Regions.Count - 1) < Width(0) * 0.8, $"learning-rate width {Width(0)} → {Width(engine.Regions.Count - 1)}");
        // The optimum α = 1e-2 sits at u = 0.5 on a log scale from 1e-4 to 1.
        Assert.True(engine.Regions[^1].Lower[0] <= 0.5 && engine.Regions[^1].Upper[0] >= 0.5);
    }

    [Theory]
    [InlineData("tpe")]
    [InlineData("gp")]
    [InlineData("grid")]
    public void A_sampler_that_does_not_draw_from_the_region_keeps_the_whole_space(string sampler)
    {
        var engine = new StudySimulator(new StudyEngine(StudySimulator.Spec(Caviar + $"\nsampler: {sampler}"), StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();
        Assert.True(engine.Trials.Select(t => t.Launch.Generation).Distinct().Count() >= 2);
        Assert.Equal([Model.Search.Region.Full(engine.Spec.Space)], engine.Regions);
    }

    [Fact]
    public void Under_caviar_the_model_sampler_models_from_the_second_population_on()
    {
        // TPE's own default waits for 10 scored trials; a population of 8 is drawn at once, so it would draw the second
        // population at random too. By default under caviar it waits for one population: the second one is modelled.
        var spec = StudySimulator.Spec(Caviar + "\nsampler: tpe");
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();
        var random = new StudySimulator(new StudyEngine(spec with { Sampler = spec.Sampler with { StartupTrials = 10 } }, StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();
        string Points(StudyEngine e, int generation) => string.Join(";", e.Trials.Where(t => t.Launch.Generation == generation).Select(t => string.Join(",", t.Launch.Point)));
        Assert.Equal(Points(random, 0), Points(engine, 0));
        Assert.Equal(Points(random, 1), Points(random, 1)); // deterministic, so the difference below is the model's
        Assert.NotEqual(Points(random, 1), Points(engine, 1));
    }

    [Fact]
    public void The_same_spec_and_seed_give_the_same_trials_and_best_whatever_order_reports_arrive_in()
    {
        var a = new StudySimulator(new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run(orderSeed: 1);
        var b = new StudySimulator(new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run(orderSeed: 2);
        Assert.Equal(a.Trials.Select(t => t.Launch.Hyperparameters.ToString()), b.Trials.Select(t => t.Launch.Hyperparameters.ToString()));
        Assert.Equal(a.Trials.Select(t => t.Hyperparameters.ToString()), b.Trials.Select(t => t.Hyperparameters.ToString()));
        Assert.Equal(a.Ranking()[0], b.Ranking()[0]);
    }

    [Fact]
    public void Population_members_in_the_bottom_copy_a_better_member_at_ready_rounds()
    {
        var sim = new StudySimulator(new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar), StudySimulator.PeakedObjective);
        var engine = sim.Run();
        var exploits = sim.Decisions.Where(d => d.Decision is Decision.Exploit).ToList();
        Assert.NotEmpty(exploits);
        foreach (var (trial, round, decision) in exploits)
        {
            var e = (Decision.Exploit)decision;
            Assert.Equal(0, round % 2); // ready_every_rounds: 2
            Assert.Equal(round, e.SourceRound);
            Assert.Equal(engine.Trials[trial].Launch.Generation, engine.Trials[e.SourceTrial].Launch.Generation);
            var source = engine.Trials[e.SourceTrial].AllRounds.Single(r => r.Report.Round == round);
            var self = engine.Trials[trial].AllRounds.Single(r => r.Report.Round == round);
            Assert.True(source.Score > self.Score);
            // Architecture is copied, not perturbed: the weights must fit.
            Assert.Equal(source.Hyperparameters["hidden_units"], e.Hyperparameters["hidden_units"]);
        }
    }

    [Fact]
    public void Explore_never_changes_the_optimizer_or_batch_norm_momentum_of_a_copy()
    {
        var spec = StudySimulator.Spec(Caviar.Replace("  hidden_units: { min: 16, max: 128 }", """
              optimizer: [momentum, rmsprop, adam]
              batchnorm_momentum: { min: 0.5, max: 0.999 }
            """.TrimEnd()).Replace("population: { size: 8, ready_every_rounds: 2 }", "population: { size: 8, ready_every_rounds: 2, resample_probability: 1 }"));
        var sim = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), StudySimulator.PeakedObjective);
        var engine = sim.Run();

        var exploits = sim.Decisions.Select(d => d.Decision).OfType<Decision.Exploit>().ToList();
        Assert.NotEmpty(exploits);
        foreach (var e in exploits)
        {
            var source = engine.Trials[e.SourceTrial].AllRounds.Single(r => r.Report.Round == e.SourceRound).Hyperparameters;
            Assert.Equal(source["optimizer"], e.Hyperparameters["optimizer"]);
            Assert.Equal(source["batchnorm_momentum"], e.Hyperparameters["batchnorm_momentum"]);
        }
    }

    [Fact]
    public void A_duplicate_report_changes_nothing_and_gets_the_same_answer()
    {
        var engine = new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar);
        var launches = engine.Start().Launches;
        var report = new RoundReport(1, 1, 0.5, 0.5, 0.5, 1e-3);
        var first = engine.Report(launches[0].Number, report);
        var epochs = engine.EpochsUsed;
        var again = engine.Report(launches[0].Number, report);
        Assert.Equal(epochs, engine.EpochsUsed);
        Assert.Single(engine.Trials[0].Rounds);
        Assert.IsType<Decision.Wait>(again.For(0, 1));

        for (var i = 1; i < launches.Count; i++) engine.Report(launches[i].Number, report);
        var decided = engine.Trials[0].LastDecision!.Decision;
        Assert.IsNotType<Decision.Wait>(decided);
        Assert.Equal(decided, engine.Report(0, report).For(0, 1));
    }

    [Fact]
    public void A_caviar_member_at_its_epoch_cap_is_stopped_in_the_answer_to_its_own_report_and_the_barrier_still_launches_the_next_population()
    {
        var engine = new StudyEngine(StudySimulator.Spec(Caviar.Replace("max_epochs_per_trial: 6", "max_epochs_per_trial: 1")), StudyStrategy.Caviar);
        var launches = engine.Start().Launches;
        var report = new RoundReport(1, 1, 0.5, 0.5, 0.5, 1e-3);

        var first = engine.Report(launches[0].Number, report);

        Assert.Equal("reached max_epochs_per_trial", Assert.IsType<Decision.Stop>(first.For(launches[0].Number, 1)).Reason);
        Assert.Empty(first.Launches); // the rest of the population is still training
        Assert.Equal(first.For(launches[0].Number, 1), engine.Report(launches[0].Number, report).For(launches[0].Number, 1)); // a duplicate gets the same answer
        for (var i = 1; i < launches.Count - 1; i++)
        {
            var step = engine.Report(launches[i].Number, report);
            Assert.IsType<Decision.Stop>(step.For(launches[i].Number, 1));
            Assert.Empty(step.Launches);
        }
        var last = engine.Report(launches[^1].Number, report);
        Assert.IsType<Decision.Stop>(last.For(launches[^1].Number, 1));
        Assert.Equal(launches.Count, last.Launches.Count); // the next generation's population
        Assert.Equal(1, last.Launches[0].Generation);
    }

    [Fact]
    public void A_report_ahead_of_the_expected_round_changes_nothing_and_the_engine_says_which_round_it_expects()
    {
        var engine = new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar);
        engine.Start();
        engine.Report(0, new RoundReport(1, 1, 0.5, 0.5, 0.5, 1e-3));
        var ahead = new RoundReport(4, 4, 0.5, 0.5, 0.5, 1e-3);

        var step = engine.Report(0, ahead);

        Assert.IsType<Decision.Wait>(step.For(0, 4));
        Assert.False(engine.IsNewReport(0, ahead));
        Assert.Equal(2, engine.ExpectedRound(0));
        Assert.Single(engine.Trials[0].Rounds);
        Assert.Equal(0, engine.ExpectedRound(999));
        Assert.IsType<Decision.Stop>(engine.Report(999, ahead).For(999, 4));
    }

    [Fact]
    public void The_epoch_budget_stops_the_study()
    {
        var spec = StudySimulator.Spec(Caviar.Replace("budget: { trials: 24, max_epochs_per_trial: 6 }", "budget: { total_epochs: 40, max_epochs_per_trial: 6 }"));
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();
        Assert.True(engine.IsFinished);
        // The round in flight when the budget runs out finishes: at most one population-round over.
        Assert.InRange(engine.EpochsUsed, 40, 40 + 8);
    }

    [Fact]
    public void Expiry_stops_every_active_trial_and_finishes()
    {
        var engine = new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar);
        engine.Start();
        var step = engine.Expire("wall time spent");
        Assert.True(engine.IsFinished);
        Assert.Equal(8, step.Decisions.Count(d => d.Decision is Decision.Stop { Reason: "wall time spent" }));
        Assert.IsType<Decision.Stop>(engine.Report(0, new RoundReport(1, 1, 0.5, 0.5, 0.5, 1e-3)).For(0, 1));
    }

    [Fact]
    public void Asha_stops_some_trials_early()
    {
        var spec = StudySimulator.Spec(Caviar.Replace("stopping: none", "stopping: { kind: asha, grace_rounds: 1, reduction_factor: 2 }"));
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();
        Assert.Contains(engine.Trials, t => t.Rounds.Count < 6);
        Assert.Contains(engine.Trials, t => t.Rounds.Count == 6);
    }

    [Fact]
    public void Auto_must_be_resolved_before_the_engine_starts() =>
        Assert.Throws<ArgumentException>(() => new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Auto));
}
