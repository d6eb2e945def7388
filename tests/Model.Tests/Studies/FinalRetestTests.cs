using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

/// <summary>The final re-test: the search leaves it a reserve within the budget, and the study's answer is a configuration it re-tested.</summary>
public class FinalRetestTests
{
    // The product's defaults (caviar, ASHA η = 2, re-tests with a 15 % share) with a league-sized epoch budget.
    private static StudySpec Spec(int totalEpochs, string retest = "") => StudySimulator.Spec($$"""
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
        strategy: caviar
        budget: { total_epochs: {{totalEpochs}}, epochs_per_round: 1, max_epochs_per_trial: 8 }
        {{retest}}
        seed: 5
        """);

    [Fact]
    public void The_search_leaves_the_final_re_test_its_reserve_and_the_budget_still_caps_everything()
    {
        // 15 % of 120 epochs pays for two fresh 8-epoch runs: the best two leaders get one each, before the study ends.
        var engine = new StudySimulator(new StudyEngine(Spec(120), StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();

        Assert.True(engine.IsFinished);
        var retests = engine.Trials.Where(t => t.Kind == TrialKind.Retest).ToList();
        Assert.Equal(2, retests.Count);
        Assert.Equal(2, retests.Select(r => r.Launch.RetestOf).Distinct().Count());
        Assert.All(retests, r => Assert.Equal(engine.Trials[r.Launch.RetestOf!.Value].Rounds.Count, r.Rounds.Count));
        Assert.InRange(engine.RetestEpochs, 1, 0.15 * 120);
        Assert.InRange(engine.EpochsUsed, 120 - 8, 120);
        Assert.Equal(engine.EpochsUsed, engine.Trials.Sum(t => t.AllRounds.Count));
        Assert.True(engine.Leader!.Runs > 1, "the reported best has itself been re-tested");
        Assert.Equal("epoch budget spent", engine.FinishReason);
    }

    [Fact]
    public void No_reserve_is_held_when_only_one_leader_could_be_re_tested()
    {
        // 15 % of 60 epochs pays for one 8-epoch run: re-testing the top leader alone could only swap it for the
        // runner-up on its one, equally flattering score, so the whole budget goes to the search.
        var engine = new StudySimulator(new StudyEngine(Spec(60), StudyStrategy.Caviar), StudySimulator.PeakedObjective).Run();

        Assert.DoesNotContain(engine.Trials, t => t.Kind == TrialKind.Retest);
        Assert.Equal(60, engine.EpochsUsed);
    }

    [Fact]
    public void The_leaders_fresh_runs_share_fresh_splits_run_by_run()
    {
        // A share that pays for both repeats of two leaders: their first fresh runs share one split, their second another.
        var engine = new StudySimulator(new StudyEngine(Spec(120, "retest: { leaders: 2, repeats: 2, max_share: 0.3 }"), StudyStrategy.Caviar),
            StudySimulator.PeakedObjective).Run();

        var retests = engine.Trials.Where(t => t.Kind == TrialKind.Retest).ToList();
        Assert.Equal(4, retests.Count);
        var byLeader = retests.GroupBy(r => r.Launch.RetestOf).Select(g => g.Select(r => r.Launch.SplitSeed).ToArray()).ToList();
        Assert.Equal(2, byLeader.Count);
        Assert.Equal(byLeader[0], byLeader[1]);
        Assert.NotEqual(byLeader[0][0], byLeader[0][1]);
        Assert.DoesNotContain(engine.Spec.Seed, byLeader[0]);
    }

    [Fact]
    public void A_trial_never_re_tested_does_not_become_the_answer_after_the_final_re_test()
    {
        // The two best configurations score 0.99 and 0.98 once and 0.90 and 0.89 on their fresh runs; the third scores
        // 0.97 once. By the lower bound alone (0.97 − σ against 0.945 − σ/√2, σ ≈ 0.064) the third would lead, yet its
        // one run was as much a draw from the top of many as the others' first runs were.
        var scores = new Dictionary<string, double>();
        RoundReport Objective(TrialLaunch l, Configuration h, int round, double lr)
        {
            var key = h.ToString();
            if (!scores.ContainsKey(key)) scores[key] = 0.5 + 0.001 * scores.Count;
            var accuracy = scores[key];
            if (l.Kind == TrialKind.Search && l.Number == 0) accuracy = 0.99;
            if (l.Kind == TrialKind.Search && l.Number == 1) accuracy = 0.98;
            if (l.Kind == TrialKind.Search && l.Number == 2) accuracy = 0.97;
            if (l.Kind == TrialKind.Retest) accuracy = l.RetestOf == 0 ? 0.90 : 0.89;
            return new RoundReport(round, round, 1 - accuracy, 1 - accuracy, accuracy, lr);
        }
        var engine = new StudySimulator(new StudyEngine(Spec(120, "retest: { leaders: 2, repeats: 1 }"), StudyStrategy.Caviar), Objective).Run();

        var retested = engine.Trials.Where(t => t.Kind == TrialKind.Retest).Select(t => t.Launch.RetestOf).Order().ToList();
        Assert.Equal([0, 1], retested);
        Assert.Equal(0, engine.Leader!.Trial);
        Assert.Equal([0, 1, 2], engine.Ranking().Take(3).Select(r => r.Trial));
    }

    [Fact]
    public void A_reserve_the_final_re_test_cannot_use_goes_back_to_the_search()
    {
        // The periodic re-test after two trials re-tests the leader, so at the end the reserved trial has no leader
        // left to re-test (leaders: 1, repeats: 1): it trains a fourth search trial instead of staying unspent.
        var spec = StudySimulator.Spec("""
            data: { path: data.csv }
            space:
              learning_rate: { min: 1.0e-3, max: 1.0e-1 }
            strategy: panda
            budget: { trials: 4, epochs_per_round: 2, max_epochs_per_trial: 4 }
            generation_size: 2
            stopping: none
            retest: { every_trials: 2, leaders: 1, repeats: 1, max_share: 0.5 }
            seed: 1
            """);
        var engine = new StudySimulator(new StudyEngine(spec, StudyStrategy.Panda), StudySimulator.PeakedObjective).Run();

        Assert.Equal(4, engine.TrialsLaunched);
        Assert.Equal(3, engine.SearchTrialsLaunched);
        Assert.Equal("trial budget spent", engine.FinishReason);
    }
}
