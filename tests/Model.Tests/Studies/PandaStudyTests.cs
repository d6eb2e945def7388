using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class PandaStudyTests
{
    private const string Panda = """
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
        strategy: panda
        budget: { trials: 6, max_epochs_per_trial: 8 }
        generation_size: 3
        sampler: random
        stopping: none
        retest: { enabled: false }
        seed: 5
        """;

    [Fact]
    public void Pandas_train_one_at_a_time()
    {
        var sim = new StudySimulator(new StudyEngine(StudySimulator.Spec(Panda), StudyStrategy.Panda), StudySimulator.PeakedObjective);
        var engine = sim.Run();
        Assert.True(engine.IsFinished);
        Assert.Equal(6, engine.SearchTrialsLaunched);
        Assert.Equal(1, sim.MaxConcurrent);
        Assert.Equal(3, engine.Regions.Count); // the full cube, then one narrowing per generation of three
    }

    [Fact]
    public void A_diverging_round_is_rolled_back_with_a_smaller_learning_rate()
    {
        // Loss explodes at round 3 while the learning rate is the original one; at a lower rate it behaves.
        RoundReport Objective(TrialLaunch l, Configuration h, int round, double lr)
        {
            var original = h.GetDouble("learning_rate");
            var loss = round == 3 && lr == original ? double.NaN : 1.0 / round;
            return new RoundReport(round, round, loss, loss, 1 - loss / 2, lr);
        }
        var sim = new StudySimulator(new StudyEngine(StudySimulator.Spec(Panda), StudyStrategy.Panda), Objective);
        var engine = sim.Run();
        var rollback = sim.Decisions.First(d => d.Decision is Decision.Rollback);
        Assert.Equal(3, rollback.Round);
        var trial = engine.Trials[rollback.Trial];
        Assert.Equal(trial.Launch.Hyperparameters.GetDouble("learning_rate") / 2, ((Decision.Rollback)rollback.Decision).LearningRate, 12);
        Assert.DoesNotContain(trial.Rounds, r => double.IsNaN(r.Report.TrainLoss)); // the diverged round is gone
        Assert.Contains(trial.AllRounds, r => double.IsNaN(r.Report.TrainLoss));     // but stays in the record
        Assert.Equal(8, trial.Rounds.Count);
    }

    [Fact]
    public void A_duplicate_of_a_rolled_back_round_changes_nothing_and_gets_the_same_rollback()
    {
        var engine = new StudyEngine(StudySimulator.Spec(Panda), StudyStrategy.Panda);
        var trial = engine.Start().Launches.Single().Number;
        engine.Report(trial, new RoundReport(1, 1, 0.5, 0.5, 0.7, 1e-3));
        var diverged = new RoundReport(2, 2, double.NaN, double.NaN, 0.1, 1e-3);
        var rollback = Assert.IsType<Decision.Rollback>(engine.Report(trial, diverged).For(trial, 2));
        var epochs = engine.EpochsUsed;

        var again = engine.Report(trial, diverged).For(trial, 2);

        Assert.Equal(rollback, again);
        Assert.Equal(epochs, engine.EpochsUsed);
        Assert.Equal(rollback.LearningRate, engine.Trials[trial].LearningRate);
        Assert.False(engine.IsNewReport(trial, diverged));
        var retrained = new RoundReport(2, 2, 0.4, 0.4, 0.75, rollback.LearningRate);
        Assert.True(engine.IsNewReport(trial, retrained));
        Assert.IsNotType<Decision.Rollback>(engine.Report(trial, retrained).For(trial, 2));
        Assert.Equal(2, engine.Trials[trial].Rounds.Count);
    }

    [Fact]
    public void A_stalled_curve_gets_its_learning_rate_nudged()
    {
        RoundReport Flat(TrialLaunch l, Configuration h, int round, double lr) => new(round, round, 0.5, 0.5, 0.7, lr);
        var sim = new StudySimulator(new StudyEngine(StudySimulator.Spec(Panda), StudyStrategy.Panda), Flat);
        sim.Run();
        var nudge = sim.Decisions.First(d => d.Decision is Decision.SetLearningRate);
        Assert.True(nudge.Round >= 2);
    }

    [Fact]
    public void Later_pandas_start_near_the_best_earlier_panda()
    {
        var sim = new StudySimulator(new StudyEngine(StudySimulator.Spec(Panda), StudyStrategy.Panda), StudySimulator.PeakedObjective);
        var engine = sim.Run();
        var first = engine.Trials[0];
        var second = engine.Trials[1];
        // The second panda of a generation perturbs the first: its learning rate ×0.8 or ×1.2 (with this seed it does not resample).
        var ratio = second.Launch.Hyperparameters.GetDouble("learning_rate") / first.Launch.Hyperparameters.GetDouble("learning_rate");
        Assert.True(Math.Abs(ratio - 0.8) < 1e-9 || Math.Abs(ratio - 1.2) < 1e-9, $"ratio {ratio}");
        Assert.Equal(0, second.Launch.Generation);
    }
}
