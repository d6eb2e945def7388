using Orleans.Tuning.Model.Scheduling;

namespace Orleans.Tuning.Model.Tests.Scheduling;

public class RetestTests
{
    [Fact]
    public void A_leader_that_won_by_luck_falls_below_a_steady_trial()
    {
        var lucky = new TrialRuns(1, 0.99, [0.80, 0.81]);
        var steady = new TrialRuns(2, 0.95, [0.94, 0.95]);

        var ranked = Retest.Rank([lucky, steady]);

        Assert.Equal([2, 1], ranked.Select(r => r.Trial));
        Assert.Equal(0.8666666666666667, ranked[1].Mean, 12);
    }

    [Fact]
    public void After_the_final_re_test_the_re_tested_trials_rank_above_those_run_once()
    {
        // σ ≈ 0.064 from the re-tested pairs: by the bound alone the one-run 0.97 (0.906) beats both re-tested means (0.900, 0.890).
        TrialRuns[] trials = [new(1, 0.99, [0.90]), new(2, 0.98, [0.89]), new(3, 0.97, []), new(4, 0.99, [double.NaN])];

        Assert.Equal(3, Retest.Rank(trials)[0].Trial);
        Assert.Equal([1, 2, 3, 4], Retest.Rank(trials, retestedFirst: true).Select(r => r.Trial));
    }

    [Fact]
    public void Spread_is_the_sample_standard_deviation_and_zero_for_one_run()
    {
        var ranked = Retest.Rank([new TrialRuns(1, 0.9, [0.7, 0.8]), new TrialRuns(2, 0.5, [])]);

        var three = ranked.Single(r => r.Trial == 1);
        Assert.Equal(3, three.Runs);
        Assert.Equal(0.8, three.Mean, 12);
        Assert.Equal(0.1, three.Spread, 12); // deviations ±0.1 and 0, divided by n − 1 = 2
        var one = ranked.Single(r => r.Trial == 2);
        Assert.Equal(1, one.Runs);
        Assert.Equal(0.0, one.Spread);
    }

    [Fact]
    public void One_lucky_run_does_not_outrank_a_re_tested_trial_with_a_slightly_lower_mean()
    {
        // Run-to-run noise is about 0.03 (from the re-tested trial); 0.91 once is not surely better than 0.90 three times.
        var retested = new TrialRuns(1, 0.93, [0.87, 0.90]);
        var once = new TrialRuns(2, 0.91, []);

        var ranked = Retest.Rank([once, retested]);

        Assert.Equal([1, 2], ranked.Select(r => r.Trial));
        Assert.Equal(0.03, Retest.PooledSpread(ranked), 9);
        Assert.Equal(0.91 - 0.03, ranked[1].Bound, 9);
    }

    [Fact]
    public void A_single_run_clearly_better_than_the_noise_still_ranks_first()
    {
        var ranked = Retest.Rank([new TrialRuns(1, 0.93, [0.87, 0.90]), new TrialRuns(2, 0.99, [])]);

        Assert.Equal([2, 1], ranked.Select(r => r.Trial));
    }

    [Fact]
    public void A_run_that_diverged_ranks_its_trial_last()
    {
        var ranked = Retest.Rank([new TrialRuns(1, 0.99, [double.NaN]), new TrialRuns(2, 0.1, [])]);

        Assert.Equal([2, 1], ranked.Select(r => r.Trial));
    }

    [Fact]
    public void Leaders_are_the_top_by_score_skipping_those_retested_enough()
    {
        TrialScore[] trials = [new(1, 0.9, 2), new(2, 0.8, 0), new(3, 0.95, 1), new(4, 0.5, 0), new(5, double.NaN, 0)];

        var leaders = new Retest(timesPerLeader: 2).ChooseLeaders(trials, 2);

        Assert.Equal([3, 2], leaders);
    }
}
