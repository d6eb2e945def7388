using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Tests.Randomness;

public class RngTests
{
    [Fact]
    public void The_same_seed_gives_the_same_sequence_and_another_seed_another()
    {
        var a = new Rng(7);
        var b = new Rng(7);
        var c = new Rng(8);

        var first = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();

        Assert.Equal(first, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()));
        Assert.NotEqual(first, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void Restoring_a_saved_state_continues_the_sequence_exactly()
    {
        var rng = new Rng(3);
        for (var i = 0; i < 17; i++) rng.NextDouble();
        var saved = rng.State;
        var expected = Enumerable.Range(0, 50).Select(_ => rng.NextDouble()).ToArray();

        var restored = Rng.FromState(saved);
        Assert.Equal(expected, Enumerable.Range(0, 50).Select(_ => restored.NextDouble()));
    }

    [Fact]
    public void Doubles_are_uniform_in_the_unit_interval()
    {
        var rng = new Rng(11);
        var draws = Enumerable.Range(0, 20_000).Select(_ => rng.NextDouble()).ToArray();

        Assert.All(draws, x => Assert.InRange(x, 0.0, 1.0 - double.Epsilon));
        Assert.InRange(draws.Average(), 0.49, 0.51);
        // Each tenth of the interval holds about a tenth of the draws.
        Assert.All(draws.GroupBy(x => (int)(x * 10)), g => Assert.InRange(g.Count(), 1800, 2200));
    }

    [Fact]
    public void Integers_cover_every_value_below_the_bound_and_none_at_it()
    {
        var rng = new Rng(5);
        var draws = Enumerable.Range(0, 6000).Select(_ => rng.NextInt(6)).ToArray();

        Assert.Equal([0, 1, 2, 3, 4, 5], draws.Distinct().Order());
        Assert.All(draws.GroupBy(x => x), g => Assert.InRange(g.Count(), 850, 1150));
    }

    [Fact]
    public void Gaussians_have_mean_zero_and_unit_variance()
    {
        var rng = new Rng(13);
        var draws = Enumerable.Range(0, 50_000).Select(_ => rng.NextGaussian()).ToArray();

        Assert.InRange(draws.Average(), -0.02, 0.02);
        Assert.InRange(draws.Average(x => x * x), 0.97, 1.03);
    }

    [Fact]
    public void Shuffle_is_a_permutation_that_depends_on_the_seed()
    {
        int[] Shuffled(ulong seed)
        {
            var items = Enumerable.Range(0, 50).ToArray();
            new Rng(seed).Shuffle(items);
            return items;
        }

        Assert.Equal(Enumerable.Range(0, 50), Shuffled(1).Order());
        Assert.Equal(Shuffled(1), Shuffled(1));
        Assert.NotEqual(Shuffled(1), Shuffled(2));
        Assert.NotEqual(Enumerable.Range(0, 50), Shuffled(1));
    }
}
