using Orleans.Tuning.Model.Analysis;

namespace Orleans.Tuning.Model.Tests.Analysis;

public class ParetoFrontTests
{
    private static TwoObjectivePoint P(int trial, double score, double cost) => new(trial, score, cost);

    [Fact]
    public void The_front_keeps_the_trials_no_other_beats_on_both_cheapest_first()
    {
        var front = ParetoFront.Of([P(0, 0.90, 5), P(1, 0.80, 2), P(2, 0.85, 6), P(3, 0.95, 9), P(4, 0.70, 3), P(5, 0.60, 1)]);

        // 2 is beaten by 0 (better and cheaper), 4 by 1.
        Assert.Equal([5, 1, 0, 3], front.Select(p => p.Trial));
    }

    [Fact]
    public void Of_two_equal_points_the_earlier_trial_is_kept_and_unmeasured_ones_never_rank()
    {
        var front = ParetoFront.Of([P(7, 0.5, 1), P(3, 0.5, 1), P(4, double.NaN, 0), P(5, 0.9, double.NaN)]);

        Assert.Equal([3], front.Select(p => p.Trial));
    }
}
