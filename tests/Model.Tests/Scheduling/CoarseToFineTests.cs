using Orleans.Tuning.Model.Scheduling;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Scheduling;

public class CoarseToFineTests
{
    [Fact]
    public void The_next_region_closes_in_on_the_best_quarter_of_a_generation()
    {
        var sampler = new RandomSampler(2, seed: 1);
        var generation = Enumerable.Range(0, 40)
            .Select(i => sampler.Sample(i))
            .Select(p => (p, -(Math.Pow(p[0] - 0.8, 2) + Math.Pow(p[1] - 0.3, 2))))
            .ToArray();

        var next = CoarseToFine.NextRegion(Region.Full(2), generation, new CoarseToFineOptions());

        Assert.True(next.Contains([0.8, 0.3]), next.ToString());
        Assert.True(next.Upper[0] - next.Lower[0] < 0.8 && next.Upper[1] - next.Lower[1] < 0.8, next.ToString());
        Assert.Equal(Region.Narrow(generation, 0.25, 0.05, 0.1), next);
    }

    [Fact]
    public void A_generation_with_nothing_to_learn_from_keeps_the_current_region()
    {
        var current = new Region([0.2, 0.2], [0.6, 0.6]);
        (double[] Point, double Score)[] diverged = [([0.3, 0.3], double.NaN)];

        Assert.Equal(current, CoarseToFine.NextRegion(current, Array.Empty<ScoredPoint>(), new CoarseToFineOptions()));
        Assert.Equal(current, CoarseToFine.NextRegion(current, diverged, new CoarseToFineOptions()));
    }
}
