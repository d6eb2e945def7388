using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class RetestStudyTests
{
    private const string Spec = """
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
        strategy: caviar
        budget: { trials: 16, max_epochs_per_trial: 2 }
        population: { size: 4, ready_every_rounds: 100 }
        stopping: none
        retest: { every_trials: 4, leaders: 2, repeats: 2, max_share: 0.5 }
        seed: 9
        """;

    [Fact]
    public void A_leader_that_won_by_luck_falls_when_re_tested()
    {
        // Trial 0 scores 0.99 with its own seed only; every other run of its configuration scores 0.80.
        // Everyone else scores a steady 0.90 + a hair by trial number.
        var engine = new StudyEngine(StudySimulator.Spec(Spec), StudyStrategy.Caviar);
        var lucky = -1;
        string? luckyConfig = null;
        RoundReport Objective(TrialLaunch l, Configuration h, int round, double lr)
        {
            if (lucky < 0) { lucky = l.Number; luckyConfig = h.ToString(); }
            var accuracy = l.Number == lucky ? 0.99 : h.ToString() == luckyConfig ? 0.80 : 0.90 + 0.001 * (l.RetestOf ?? l.Number);
            return new RoundReport(round, round, 0.1, 1 - accuracy, accuracy, lr);
        }
        new StudySimulator(engine, Objective).Run();

        Assert.True(engine.IsFinished);
        var retests = engine.Trials.Where(t => t.Kind == TrialKind.Retest).ToList();
        Assert.Contains(retests, r => r.Launch.RetestOf == lucky);
        Assert.All(retests, r => Assert.NotEqual(engine.Trials[r.Launch.RetestOf!.Value].Launch.Seed, r.Launch.Seed));
        // Fresh splits too, each its own, so a leader that won on a lucky split falls as well.
        Assert.All(retests, r => Assert.NotEqual(engine.Trials[r.Launch.RetestOf!.Value].Launch.SplitSeed, r.Launch.SplitSeed));
        Assert.Equal(retests.Count, retests.Select(r => r.Launch.SplitSeed).Distinct().Count());
        Assert.All(engine.Trials.Where(t => t.Kind == TrialKind.Search), t => Assert.Equal(engine.Spec.Seed, t.Launch.SplitSeed));
        var ranking = engine.Ranking();
        Assert.NotEqual(lucky, ranking[0].Trial);
        var luckyRank = ranking.Single(r => r.Trial == lucky);
        Assert.Equal(3, luckyRank.Runs);
        Assert.Equal((0.99 + 0.80 + 0.80) / 3, luckyRank.Mean, 9);
        Assert.True(ranking[0].Runs > 1, "the reported best has itself been re-tested");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_leaders_are_the_head_of_the_full_ranking(int orderSeed)
    {
        // Steady scores with noise by seed, so re-tests move trials up and down and the pooled spread is not zero.
        static RoundReport Noisy(TrialLaunch l, Configuration h, int round, double lr)
        {
            var accuracy = 0.8 + 0.1 * new Random(h.ToString().Aggregate(17, (a, c) => unchecked(a * 31 + c))).NextDouble() + 0.02 * new Random((int)l.Seed).NextDouble();
            return new RoundReport(round, round, 0.1, 1 - accuracy, accuracy, lr);
        }
        var engine = new StudySimulator(new StudyEngine(StudySimulator.Spec(Spec), StudyStrategy.Caviar), Noisy).Run(orderSeed);

        Assert.Contains(engine.Ranking(), r => r.Runs > 1);
        var finite = engine.Ranking().Where(r => double.IsFinite(r.Mean)).ToList();
        for (var count = 1; count <= finite.Count + 1; count++)
            Assert.Equal(finite.Take(count), engine.Leaders(count));
        Assert.Equal(finite[0], engine.Leader);
    }

    [Fact]
    public void Retest_trials_train_as_many_rounds_as_their_leader()
    {
        var engine = new StudySimulator(new StudyEngine(StudySimulator.Spec(Spec), StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();
        foreach (var r in engine.Trials.Where(t => t.Kind == TrialKind.Retest))
            Assert.Equal(engine.Trials[r.Launch.RetestOf!.Value].Rounds.Count, r.Rounds.Count);
    }
}

public class RetestTimerTests
{
    private const string Spec = """
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
        strategy: caviar
        budget: { trials: 12, max_epochs_per_trial: 1 }
        population: { size: 4 }
        stopping: none
        retest: { every_trials: 1000, every: 5m, leaders: 1, repeats: 1 }
        seed: 2
        """;

    [Fact]
    public void A_retest_request_is_honoured_at_the_next_generation_boundary()
    {
        var spec = StudySimulator.Spec(Spec);
        Assert.Equal(TimeSpan.FromMinutes(5), spec.Retest.Every);
        var engine = new StudyEngine(spec, StudyStrategy.Caviar);
        var launches = engine.Start().Launches;
        engine.RequestRetest(); // the timer fires during generation 0
        EngineStep step = EngineStep.None;
        foreach (var l in launches) step = engine.Report(l.Number, new RoundReport(1, 1, 0.5, 0.5, 0.5 + 0.01 * l.Number, 1e-3));
        var retest = Assert.Single(step.Launches);
        Assert.Equal(TrialKind.Retest, retest.Kind);
        Assert.Equal(3, retest.RetestOf); // the leader of generation 0
    }

    [Fact]
    public void Without_a_request_or_a_due_count_generations_follow_each_other_directly()
    {
        var engine = new StudyEngine(StudySimulator.Spec(Spec), StudyStrategy.Caviar);
        var launches = engine.Start().Launches;
        EngineStep step = EngineStep.None;
        foreach (var l in launches) step = engine.Report(l.Number, new RoundReport(1, 1, 0.5, 0.5, 0.5, 1e-3));
        Assert.Equal(4, step.Launches.Count);
        Assert.All(step.Launches, l => Assert.Equal(TrialKind.Search, l.Kind));
    }

    [Fact]
    public void Trials_stopped_early_by_successive_halving_do_not_count_toward_every_trials()
    {
        // Populations of 4 halved at rounds 1, 2 and 4: each trains one trial to the end and stops three early.
        var spec = StudySimulator.Spec("""
            data: { path: data.csv }
            space:
              learning_rate: { min: 1.0e-4, max: 1.0 }
            strategy: caviar
            budget: { trials: 40, max_epochs_per_trial: 4 }
            population: { size: 4, ready_every_rounds: 100 }
            stopping: { kind: asha, grace_rounds: 0, reduction_factor: 2 }
            retest: { every_trials: 2, leaders: 1, repeats: 1, max_share: 0.5 }
            seed: 3
            """);
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();

        var firstRetest = engine.Trials.First(t => t.Kind == TrialKind.Retest).Number;
        var before = engine.Trials.Take(firstRetest).ToList();
        // Two populations had to finish before two trials had trained to the end.
        Assert.Equal(8, before.Count);
        Assert.Equal(2, before.Count(t => t.Rounds.Count == 4));
    }
}
