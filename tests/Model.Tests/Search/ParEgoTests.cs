using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Search;

public class ParEgoTests
{
    private static readonly TwoObjectiveTrial[] Trials =
    [
        new([0.1], Score: -0.2, Cost: 0.9),
        new([0.2], Score: -0.5, Cost: 0.3),
        new([0.3], Score: -0.6, Cost: 0.95), // dominated by both others
        new([0.4], Score: double.NaN, Cost: 0.1),
    ];

    [Fact]
    public void Each_suggestion_draws_its_own_weight_the_same_on_every_replay()
    {
        var weights = Enumerable.Range(0, 200).Select(i => ParEgo.Weight(seed: 4, i)).ToList();

        Assert.All(weights, w => Assert.InRange(w, 0, 1));
        Assert.Equal(weights, Enumerable.Range(0, 200).Select(i => ParEgo.Weight(seed: 4, i)));
        // Spread over the whole interval, so the suggestions aim along the whole front.
        Assert.True(weights.Min() < 0.05 && weights.Max() > 0.95);
    }

    [Fact]
    public void A_dominated_trial_scores_below_the_trials_that_dominate_it_whatever_the_weight()
    {
        for (var index = 0; index < 50; index++)
        {
            var scored = ParEgo.Scalarise(Trials, seed: 1, index);
            Assert.True(scored[2].Score < scored[0].Score && scored[2].Score < scored[1].Score, $"suggestion {index}");
            Assert.True(double.IsNaN(scored[3].Score));
        }
    }

    [Fact]
    public void The_weight_decides_which_end_of_the_front_scores_best()
    {
        var leaning = Enumerable.Range(0, 200).Select(i => (Weight: ParEgo.Weight(1, i), Scored: ParEgo.Scalarise(Trials, 1, i))).ToList();

        // Trial 0 is best on the first objective, trial 1 on the cost: a weight on the first objective favours 0.
        Assert.All(leaning.Where(l => l.Weight > 0.8), l => Assert.True(l.Scored[0].Score > l.Scored[1].Score));
        Assert.All(leaning.Where(l => l.Weight < 0.2), l => Assert.True(l.Scored[1].Score > l.Scored[0].Score));
    }
}
