using Orleans.Core.Internal;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Studies;

[Collection(ClusterCollection.Name)]
public class StudyGrainTests(ClusterFixture fixture)
{
    internal const string IrisCaviar = """
        data: { path: iris.csv, validation_fraction: 0.3 }
        space:
          learning_rate: { min: 1.0e-3, max: 1.0e-1 }
          hidden_units: { min: 8, max: 32 }
        fixed: { layers: 1, batch_size: 16 }
        strategy: caviar
        budget: { trials: 8, epochs_per_round: 2, max_epochs_per_trial: 8 }
        population: { size: 4, ready_every_rounds: 2 }
        stopping: none
        retest: { every_trials: 4, leaders: 1, repeats: 1 }
        seed: 4
        """;

    [Fact]
    public async Task A_caviar_study_runs_end_to_end_on_iris()
    {
        // Two trials more than the search needs: the trial budget counts re-tests too.
        var yaml = IrisCaviar.Replace("budget: { trials: 8,", "budget: { trials: 10,")
            .Replace("retest: { every_trials: 4, leaders: 1, repeats: 1 }", "retest: { every_trials: 4, leaders: 1, repeats: 1, max_share: 0.3 }");
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, "caviar-iris", yaml);

        Assert.Equal(StudyPhase.Completed, final.Phase);
        Assert.Equal("Caviar", final.Strategy);
        Assert.InRange(final.TrialsLaunched, 9, 10);
        var results = await study.GetResults();
        var search = results.Rows.Where(r => r.Kind == "trial").ToList();
        Assert.Equal(8, search.Select(r => r.Trial).Distinct().Count());
        Assert.All(search.GroupBy(r => r.Trial), g => Assert.Equal([1, 2, 3, 4], g.Select(r => r.Round).Order()));
        Assert.Contains(results.Rows, r => r.Kind.StartsWith("retest of"));
        Assert.Single(results.Regions); // TPE, the default sampler, concentrates by itself: the region stays the whole space
        Assert.NotNull(final.Best);
        Assert.True(final.Best.ValidationAccuracy >= 0.8, $"best accuracy {final.Best.ValidationAccuracy}");
        // Measured once on the held-out test part by the best trial's own grain.
        Assert.NotNull(final.Best.TestAccuracy);
        Assert.InRange(final.Best.TestAccuracy.Value, 0.6, 1.0);
        foreach (var trial in results.Rows.Select(r => r.Trial).Distinct())
        {
            var status = await fixture.Grains.GetGrain<ITrialGrain>(TrialKeys.Of("caviar-iris", trial)).GetStatus();
            Assert.Equal(TrialState.Stopped, status.State);
        }
        Assert.Contains("caviar-iris", await fixture.Grains.GetGrain<IStudyDirectoryGrain>(0).List());
    }

    [Fact]
    public async Task The_same_spec_and_seed_give_the_same_trials_and_the_same_best()
    {
        var (first, _, _) = await StudyRunner.Run(fixture.Grains, "same-seed-a", IrisCaviar);
        var (second, _, _) = await StudyRunner.Run(fixture.Grains, "same-seed-b", IrisCaviar);
        var a = await first.GetResults();
        var b = await second.GetResults();

        Assert.Equal(a.Rows.Select(Line).Order(), b.Rows.Select(Line).Order());
        Assert.Equal(a.Status.Best!.Trial, b.Status.Best!.Trial);
        Assert.Equal(a.Status.Best.Mean, b.Status.Best.Mean);
        Assert.Equal(a.Regions.Select(r => string.Join(",", r.Lower.Concat(r.Upper))), b.Regions.Select(r => string.Join(",", r.Lower.Concat(r.Upper))));
    }

    /// <summary>A result row as two runs that decided alike must share it, to the last bit of every metric.</summary>
    internal static string Line(ResultRow r) => $"{r.Trial} {r.Round} {r.Hyperparameters} {r.ValidationAccuracy:R} {r.ValidationLoss:R} {r.Decision}";

    [Fact]
    public async Task A_panda_study_babysits_one_model_at_a_time()
    {
        var yaml = IrisCaviar.Replace("strategy: caviar", "strategy: panda")
            .Replace("population: { size: 4, ready_every_rounds: 2 }", "generation_size: 4")
            .Replace("budget: { trials: 8,", "budget: { trials: 3,")
            .Replace("retest: { every_trials: 4, leaders: 1, repeats: 1 }", "retest: { enabled: false }");
        var (study, final, seen) = await StudyRunner.Run(fixture.Grains, "panda-iris", yaml);

        Assert.Equal(StudyPhase.Completed, final.Phase);
        Assert.Equal("Panda", final.Strategy);
        Assert.All(seen, s => Assert.True(s.Active.Count <= 1, $"{s.Active.Count} pandas at once"));
        var results = await study.GetResults();
        Assert.Equal(3, results.Rows.Select(r => r.Trial).Distinct().Count());
        // One at a time: every round of a panda comes before the next panda's first.
        var order = results.Rows.Select(r => r.Trial).ToList();
        Assert.Equal(order.Order(), order);
    }

    [Fact]
    public async Task Duplicate_reports_change_nothing()
    {
        var yaml = IrisCaviar.Replace("budget: { trials: 8,", "budget: { trials: 4,");
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, "lucky-duplicates", yaml);
        var before = await study.GetResults();

        foreach (var row in before.Rows)
        {
            var decision = await study.Report(new TrialReport(row.Trial,
                new RoundMetrics(row.Round, row.Epochs, 9, 9, 0.01, row.LearningRate, 0)));
            Assert.Equal(DecisionKind.Stop, decision.Kind);
        }

        var after = await study.GetResults();
        Assert.Equal(before.Rows.Count, after.Rows.Count);
        Assert.Equal(before.Status.EpochsUsed, after.Status.EpochsUsed);
        Assert.Equal(before.Status.Best!.Trial, after.Status.Best!.Trial);
        Assert.Equal(before.Status.Best.Mean, after.Status.Best.Mean);
        Assert.Equal(before.Status.Best.Runs, after.Status.Best.Runs);
        Assert.Equal(before.Rows.Select(r => r.ValidationAccuracy), after.Rows.Select(r => r.ValidationAccuracy));
    }

    [Fact]
    public async Task A_trial_deactivated_mid_study_resumes_from_its_checkpoint_with_the_same_round_count()
    {
        var yaml = IrisCaviar.Replace("budget: { trials: 8,", "budget: { trials: 4,").Replace("retest: { every_trials: 4, leaders: 1, repeats: 1 }", "retest: { enabled: false }");
        var trial = fixture.Grains.GetGrain<ITrialGrain>(TrialKeys.Of("slow-deactivate", 1));
        var deactivated = false;
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, "slow-deactivate", yaml, onPoll: async _ =>
        {
            if (deactivated) return;
            var s = await trial.GetStatus();
            if (s.Round is >= 1 and < 4)
            {
                await trial.Cast<IGrainManagementExtension>().DeactivateOnIdle();
                deactivated = true;
            }
        });

        Assert.True(deactivated);
        Assert.Equal(StudyPhase.Completed, final.Phase);
        var status = await trial.GetStatus();
        Assert.True(status.Resumes >= 1, "the trial picked up from its persisted checkpoint");
        Assert.Equal(4, status.Round);
        var rows = (await study.GetResults()).Rows.Where(r => r.Trial == 1).OrderBy(r => r.Round).ToList();
        Assert.Equal([1, 2, 3, 4], rows.Select(r => r.Round));
        // Epochs continue from the checkpoint (2 per round) instead of starting over.
        Assert.Equal([2, 4, 6, 8], rows.Select(r => r.Epochs));
    }

    [Fact]
    public async Task The_re_test_demotes_a_leader_planted_to_win_by_luck()
    {
        var yaml = IrisCaviar.Replace("budget: { trials: 8,", "budget: { trials: 4,")
            .Replace("retest: { every_trials: 4, leaders: 1, repeats: 1 }", "retest: { every_trials: 4, leaders: 2, repeats: 2, max_share: 0.5 }")
            .Replace("budget: { trials: 4,", "budget: { trials: 8,");
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, "lucky-retest", yaml);

        var results = await study.GetResults();
        var planted = results.Ranking.Single(r => r.Trial == 0);
        Assert.Equal(0.99, planted.Original, 9);
        Assert.Equal([0.80, 0.80], planted.Retests.Select(x => Math.Round(x, 9)));
        Assert.Equal(3, planted.Runs);
        Assert.NotEqual(0, final.Best!.Trial);
        Assert.NotEqual(0, results.Ranking[0].Trial);
    }

    [Fact]
    public async Task The_retest_timer_re_tests_leaders_during_the_study()
    {
        var yaml = """
            data: { path: iris.csv }
            space: { learning_rate: { min: 1.0e-3, max: 1.0e-1 } }
            strategy: caviar
            budget: { trials: 16, max_epochs_per_trial: 3 }
            population: { size: 2 }
            stopping: none
            retest: { every_trials: 1000, every: 1s, leaders: 1, repeats: 1, max_share: 0.5 }
            """;
        // Budget and share leave room for search generations after the timer's re-test, whenever the timer fires.
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, "slow-retest-timer", yaml);
        Assert.Equal(StudyPhase.Completed, final.Phase);
        var retests = (await study.GetResults()).Rows.Where(r => r.RetestOf is not null).ToList();
        // Every trial count is far off; only the timer can have started a re-test before the last generation.
        Assert.Contains(retests, r => r.Generation < final.Generation);
    }

    [Fact]
    public async Task Auto_picks_caviar_when_the_silo_has_free_slots_for_a_population_and_says_why()
    {
        var yaml = IrisCaviar.Replace("strategy: caviar", "strategy: auto").Replace("budget: { trials: 8,", "budget: { trials: 2,").Replace("size: 4,", "size: 2,")
            .Replace("retest: { every_trials: 4, leaders: 1, repeats: 1 }", "retest: { enabled: false }");
        var (_, final, _) = await StudyRunner.Run(fixture.Grains, "auto-iris", yaml);
        Assert.Equal("Caviar", final.Strategy);
        Assert.Contains("2 training slots", final.StrategyReason);
    }
}
