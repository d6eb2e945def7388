using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Scheduling;

namespace Orleans.Tuning.Model.Tests.Scheduling;

public class StoppingSchedulerTests
{
    [Fact]
    public void NoStopping_never_stops_even_a_terrible_trial()
    {
        var scheduler = new NoStopping();

        var decisions = Enumerable.Range(1, 50)
            .SelectMany(round => Enumerable.Range(0, 5).Select(trial => scheduler.OnResult(new RoundResult(trial, round, trial == 4 ? -1e9 : round))))
            .ToArray();

        Assert.All(decisions, d => Assert.IsType<StopDecision.Continue>(d));
    }

    [Fact]
    public void Median_stopping_stops_a_trial_below_the_median_and_keeps_one_above()
    {
        var scheduler = new MedianStopping(graceRounds: 1, minTrials: 3);
        foreach (var round in new[] { 1, 2 })
            for (var trial = 0; trial < 3; trial++)
                scheduler.OnResult(new RoundResult(trial, round, 0.5 + 0.1 * trial)); // running averages 0.5, 0.6, 0.7

        scheduler.OnResult(new RoundResult(10, 1, 0.4));
        scheduler.OnResult(new RoundResult(11, 1, 0.8));
        var low = scheduler.OnResult(new RoundResult(10, 2, 0.4));
        var high = scheduler.OnResult(new RoundResult(11, 2, 0.8));

        var stop = Assert.IsType<StopDecision.Stop>(low);
        Assert.Contains("median", stop.Reason);
        Assert.IsType<StopDecision.Continue>(high);
    }

    [Fact]
    public void Median_stopping_uses_the_running_average_so_one_bad_round_does_not_kill_a_good_trial()
    {
        var scheduler = new MedianStopping(graceRounds: 1, minTrials: 3);
        for (var trial = 0; trial < 3; trial++)
        {
            scheduler.OnResult(new RoundResult(trial, 1, 0.5));
            scheduler.OnResult(new RoundResult(trial, 2, 0.5));
        }

        scheduler.OnResult(new RoundResult(9, 1, 0.9));
        var dip = scheduler.OnResult(new RoundResult(9, 2, 0.3)); // latest below the median, average 0.6 above

        Assert.IsType<StopDecision.Continue>(dip);
    }

    [Fact]
    public void Median_stopping_respects_the_grace_rounds()
    {
        var scheduler = new MedianStopping(graceRounds: 2, minTrials: 3);
        for (var trial = 0; trial < 3; trial++)
            for (var round = 1; round <= 3; round++)
                scheduler.OnResult(new RoundResult(trial, round, 0.9));

        var first = scheduler.OnResult(new RoundResult(9, 1, 0.1));
        var second = scheduler.OnResult(new RoundResult(9, 2, 0.1));
        var third = scheduler.OnResult(new RoundResult(9, 3, 0.1));

        Assert.IsType<StopDecision.Continue>(first);
        Assert.IsType<StopDecision.Continue>(second);
        Assert.IsType<StopDecision.Stop>(third);
    }

    [Fact]
    public void Median_stopping_waits_for_min_trials_others_at_the_same_round()
    {
        var scheduler = new MedianStopping(graceRounds: 0, minTrials: 3);
        scheduler.OnResult(new RoundResult(0, 1, 0.9));
        scheduler.OnResult(new RoundResult(1, 1, 0.9));

        var withTwoOthers = scheduler.OnResult(new RoundResult(9, 1, 0.1));
        scheduler.OnResult(new RoundResult(2, 1, 0.9));
        var withThreeOthers = scheduler.OnResult(new RoundResult(8, 1, 0.1));

        Assert.IsType<StopDecision.Continue>(withTwoOthers);
        Assert.IsType<StopDecision.Stop>(withThreeOthers);
    }

    [Fact]
    public void Median_stopping_compares_the_trials_best_so_far_not_its_running_average()
    {
        var scheduler = new MedianStopping(graceRounds: 2, minTrials: 3);
        for (var trial = 0; trial < 3; trial++)
            for (var round = 1; round <= 3; round++)
                scheduler.OnResult(new RoundResult(trial, round, 0.6));

        scheduler.OnResult(new RoundResult(9, 1, 0.2));
        scheduler.OnResult(new RoundResult(9, 2, 0.2));
        var late = scheduler.OnResult(new RoundResult(9, 3, 0.7)); // average 0.37, best 0.7, others' median 0.6

        Assert.IsType<StopDecision.Continue>(late);
    }

    [Fact]
    public void Median_stopping_leaves_the_grace_rounds_out_of_the_others_running_averages()
    {
        var scheduler = new MedianStopping(graceRounds: 1, minTrials: 3);
        for (var trial = 0; trial < 3; trial++)
        {
            scheduler.OnResult(new RoundResult(trial, 1, 0.1)); // a slow start the rule forgives
            scheduler.OnResult(new RoundResult(trial, 2, 0.8));
        }

        scheduler.OnResult(new RoundResult(9, 1, 0.5));
        var second = scheduler.OnResult(new RoundResult(9, 2, 0.5)); // above 0.45, the average with round 1; below 0.8 without

        Assert.IsType<StopDecision.Stop>(second);
    }

    [Fact]
    public void Asha_at_a_barrier_keeps_the_top_third_whatever_the_trial_numbers()
    {
        var scheduler = new Asha(maxRounds: 9, reductionFactor: 3);
        // Scores grow with the trial number: one at a time, in trial order, every arrival would beat those before it.
        var results = Enumerable.Range(0, 9).Select(t => new RoundResult(t, 1, t)).ToArray();

        var decisions = scheduler.OnResults(results);

        Assert.Equal([6, 7, 8], results.Where((_, i) => !decisions[i].ShouldStop).Select(r => r.Trial));
    }

    [Fact]
    public void Asha_at_a_barrier_judges_a_population_against_itself_not_against_earlier_populations()
    {
        var scheduler = new Asha(maxRounds: 8, reductionFactor: 2);
        // A first population of poor scores, then a better one (say, sampled from a narrowed region).
        scheduler.OnResults([.. Enumerable.Range(0, 8).Select(t => new RoundResult(t, 1, 0.1 + t / 100.0))]);
        var second = Enumerable.Range(8, 8).Select(t => new RoundResult(t, 1, 0.9 + t / 100.0)).ToArray();

        var decisions = scheduler.OnResults(second);

        // Against the whole rung every one of them would go on; as its own bracket, the top half does.
        Assert.Equal([12, 13, 14, 15], second.Where((_, i) => !decisions[i].ShouldStop).Select(r => r.Trial));
    }

    [Fact]
    public void Asha_grace_rounds_put_the_first_rung_after_them()
    {
        var scheduler = StoppingScheduler.Create("asha", maxRounds: 9, graceRounds: 2);

        Assert.Equal([3, 9], Assert.IsType<Asha>(scheduler).Milestones);
    }

    [Fact]
    public void Asha_places_rungs_at_min_rounds_times_powers_of_eta_up_to_max_rounds()
    {
        Assert.Equal([1, 3, 9, 27], new Asha(maxRounds: 30).Milestones);
        Assert.Equal([2, 4, 8], new Asha(maxRounds: 8, minRounds: 2, reductionFactor: 2).Milestones);
    }

    [Fact]
    public void Asha_promotes_a_trial_in_the_top_third_of_its_rung_and_stops_one_below()
    {
        var scheduler = new Asha(maxRounds: 9, minRounds: 1, reductionFactor: 3);
        // Recorded at rung 1: 1..9, so the cutoff is the 2/3 quantile, 1 + 8·2/3 ≈ 6.33.
        foreach (var trial in new[] { 5, 1, 9, 3, 7, 2, 8, 4, 6 })
            scheduler.OnResult(new RoundResult(trial, 1, trial));

        var top = scheduler.OnResult(new RoundResult(100, 1, 6.5));
        var rest = scheduler.OnResult(new RoundResult(101, 1, 6.2));

        Assert.IsType<StopDecision.Continue>(top);
        Assert.IsType<StopDecision.Stop>(rest);
    }

    [Fact]
    public void Asha_keeps_about_one_in_eta_at_a_rung_when_trials_arrive_in_random_order()
    {
        var scheduler = new Asha(maxRounds: 9, reductionFactor: 3);
        var rng = new Rng(7);
        var order = Enumerable.Range(0, 300).ToArray();
        rng.Shuffle(order);

        var promoted = order.Count(trial => !scheduler.OnResult(new RoundResult(trial, 1, rng.NextDouble())).ShouldStop);

        Assert.InRange(promoted, 300 / 3 - 30, 300 / 3 + 30);
    }

    [Fact]
    public void Asha_the_first_arrival_at_a_rung_continues_and_rounds_between_rungs_continue()
    {
        var scheduler = new Asha(maxRounds: 9, reductionFactor: 3);

        Assert.IsType<StopDecision.Continue>(scheduler.OnResult(new RoundResult(0, 1, -100)));
        Assert.IsType<StopDecision.Continue>(scheduler.OnResult(new RoundResult(1, 1, 1)));
        Assert.IsType<StopDecision.Continue>(scheduler.OnResult(new RoundResult(0, 2, -100)));
    }

    [Fact]
    public void Asha_stops_every_trial_at_max_rounds()
    {
        var scheduler = new Asha(maxRounds: 5, reductionFactor: 3);

        var decisions = Enumerable.Range(1, 5).Select(round => scheduler.OnResult(new RoundResult(0, round, round))).ToArray();

        Assert.All(decisions[..4], d => Assert.IsType<StopDecision.Continue>(d));
        Assert.Contains("last round", Assert.IsType<StopDecision.Stop>(decisions[4]).Reason);
    }

    [Theory]
    [InlineData("median")]
    [InlineData("asha")]
    public void Replaying_the_history_reproduces_the_decisions(string kind)
    {
        var original = StoppingScheduler.Create(kind, maxRounds: 9);
        var results = InterleavedResults(seed: 3, trials: 20, rounds: 9);
        var decisions = new List<StopDecision>();
        var stopped = new HashSet<int>();
        foreach (var result in results.Where(r => !stopped.Contains(r.Trial)))
        {
            var decision = original.OnResult(result);
            decisions.Add(decision);
            if (decision.ShouldStop)
                stopped.Add(result.Trial);
        }

        var restored = StoppingScheduler.Create(kind, maxRounds: 9);
        var replayed = original.History.Select(restored.OnResult).ToArray();

        Assert.Equal(decisions, replayed);
        Assert.Contains(decisions, d => d.ShouldStop);
        Assert.Contains(decisions, d => !d.ShouldStop);
        // After a restore, the next report is decided exactly as the uninterrupted scheduler decides it.
        var next = new RoundResult(99, 1, 0.0);
        Assert.Equal(
            original.OnResult(next),
            StoppingScheduler.Restore(StoppingScheduler.Create(kind, maxRounds: 9), original.History.SkipLast(1)).OnResult(next));
    }

    [Theory]
    [InlineData("median")]
    [InlineData("asha")]
    public void A_duplicate_report_returns_the_first_decision_and_changes_nothing(string kind)
    {
        var scheduler = StoppingScheduler.Create(kind, maxRounds: 9, graceRounds: 0, minTrials: 1);
        scheduler.OnResult(new RoundResult(0, 1, 0.9));
        var first = scheduler.OnResult(new RoundResult(1, 1, 0.1));

        var duplicate = scheduler.OnResult(new RoundResult(1, 1, 0.95));

        Assert.IsType<StopDecision.Stop>(first);
        Assert.Equal(first, duplicate);
        Assert.Equal(2, scheduler.History.Count);
    }

    [Theory]
    [InlineData("median")]
    [InlineData("asha")]
    public void A_trial_with_a_nan_score_stops(string kind)
    {
        var scheduler = StoppingScheduler.Create(kind, maxRounds: 9);

        var decision = scheduler.OnResult(new RoundResult(0, 1, double.NaN));

        Assert.Contains("not a number", Assert.IsType<StopDecision.Stop>(decision).Reason);
    }

    [Fact]
    public void Factory_builds_each_kind_and_names_the_valid_ones_for_an_unknown_kind()
    {
        Assert.IsType<NoStopping>(StoppingScheduler.Create("none", maxRounds: 9));
        Assert.IsType<MedianStopping>(StoppingScheduler.Create("Median", maxRounds: 9));
        Assert.IsType<Asha>(StoppingScheduler.Create("asha", maxRounds: 9));
        var error = Assert.Throws<ArgumentException>(() => StoppingScheduler.Create("hyperband", maxRounds: 9));
        Assert.Contains("none, median, asha", error.Message);
    }

    // Trials report round by round with their order shuffled in every round, as parallel trials would.
    private static List<RoundResult> InterleavedResults(ulong seed, int trials, int rounds)
    {
        var rng = new Rng(seed);
        var quality = Enumerable.Range(0, trials).Select(_ => rng.NextDouble()).ToArray();
        var results = new List<RoundResult>();
        for (var round = 1; round <= rounds; round++)
        {
            var order = Enumerable.Range(0, trials).ToArray();
            rng.Shuffle(order);
            results.AddRange(order.Select(t => new RoundResult(t, round, quality[t] * round + 0.1 * rng.NextGaussian())));
        }
        return results;
    }
}
