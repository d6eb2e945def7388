using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

/// <summary>A diverged trial never ranks; a study that learned nothing ends failed, with the first reason.</summary>
public class FailureTests
{
    private const string Caviar = """
        data: { path: data.csv }
        space: { learning_rate: { min: 1.0e-4, max: 1.0e+4 } }
        strategy: caviar
        budget: { trials: 8, max_epochs_per_trial: 3 }
        population: { size: 4 }
        stopping: none
        retest: { enabled: false }
        seed: 3
        """;

    // Above α = 1 the network blows up: its losses are NaN, and its accuracy a meaningless 1/3.
    private static RoundReport BlowsUpAboveOne(TrialLaunch l, Configuration h, int round, double lr) =>
        h.GetDouble("learning_rate") > 1
            ? new RoundReport(round, round, double.NaN, double.NaN, 0.99, lr)
            : StudySimulator.PeakedObjective(l, h, round, lr);

    [Fact]
    public void A_diverged_caviar_member_is_stopped_as_diverged_and_never_leads()
    {
        var engine = new StudySimulator(new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar), BlowsUpAboveOne).Run();

        Assert.True(engine.IsFinished);
        Assert.False(engine.Failed);
        var diverged = engine.Trials.Where(t => t.Hyperparameters.GetDouble("learning_rate") > 1 && t.Rounds.Count == 1).ToList();
        Assert.NotEmpty(diverged);
        Assert.All(diverged, t =>
        {
            Assert.Equal(TrialPhase.Stopped, t.Phase);
            Assert.Equal("diverged in round 1 (validation loss NaN)", t.Failure);
            Assert.True(double.IsNaN(t.LastScore), "a diverged round scores NaN whatever its accuracy");
        });
        Assert.Equal(diverged.Select(t => t.Number).Order(), engine.Failures.Select(t => t.Number).Order());
        var leader = engine.Leader!;
        Assert.True(engine.Trials[leader.Trial].Hyperparameters.GetDouble("learning_rate") <= 1);
    }

    [Fact]
    public void A_study_whose_every_trial_diverges_fails_after_one_generation_with_the_first_reason()
    {
        var spec = StudySimulator.Spec(Caviar.Replace("min: 1.0e-4", "min: 1.0e+2"));
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Caviar), BlowsUpAboveOne).Run();

        Assert.True(engine.IsFinished);
        Assert.True(engine.Failed);
        Assert.Equal(4, engine.SearchTrialsLaunched);
        Assert.Null(engine.Leader);
        var first = engine.Failures.First();
        Assert.Equal($"no trial learned anything (4 failed or diverged); the first, trial {first.Number}: diverged in round 1 (validation loss NaN)", engine.FinishReason);
    }

    [Fact]
    public void A_study_whose_every_trial_throws_fails_with_the_exception_message()
    {
        var engine = new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar);
        var launches = engine.Start().Launches;
        EngineStep last = EngineStep.None;
        foreach (var l in launches) last = engine.TrialFailed(l.Number, $"cannot read data on silo {l.Number}");

        Assert.Empty(last.Launches);
        Assert.True(engine.Failed);
        Assert.Equal("no trial learned anything (4 failed or diverged); the first, trial 0: cannot read data on silo 0", engine.FinishReason);
    }

    [Fact]
    public void A_panda_that_keeps_diverging_is_recorded_as_a_failure_but_one_good_panda_is_enough()
    {
        var spec = StudySimulator.Spec("""
            data: { path: data.csv }
            space: { learning_rate: { min: 1.0e-4, max: 1.0e+4 } }
            strategy: panda
            budget: { trials: 4, max_epochs_per_trial: 3 }
            generation_size: 2
            stopping: none
            retest: { enabled: false }
            seed: 1
            """);
        // NaN at any rate for α ≥ 1: rollbacks halve the rate until the panda gives up below its floor.
        RoundReport Objective(TrialLaunch l, Configuration h, int round, double lr) =>
            h.GetDouble("learning_rate") >= 1 ? new RoundReport(round, round, double.NaN, double.NaN, 0.5, lr)
            : StudySimulator.PeakedObjective(l, h, round, lr);
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Panda), Objective).Run();

        Assert.True(engine.IsFinished);
        Assert.All(engine.Failures, t => Assert.StartsWith("diverges even at learning rate", t.Failure));
        Assert.Equal(engine.Leader is null, engine.Failed);
    }

    [Fact]
    public void Wall_time_running_out_before_any_result_is_a_failure()
    {
        var engine = new StudyEngine(StudySimulator.Spec(Caviar), StudyStrategy.Caviar);
        engine.Start();
        engine.Expire("wall time spent");
        Assert.True(engine.Failed);
        Assert.Equal("no trial reported a result (wall time spent)", engine.FinishReason);
    }
}
