using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Search;

public class RegionTests
{
    private static (double[] Point, double Score)[] Scored(int count, int seed, Func<double[], double> score) =>
        Enumerable.Range(0, count)
            .Select(i => new RandomSampler(3, seed).Sample(i))
            .Select(p => (p, score(p)))
            .ToArray();

    // Best near (0.2, 0.7, 0.5); the score falls off with squared distance.
    private static double Bowl(double[] p) => -(Math.Pow(p[0] - 0.2, 2) + Math.Pow(p[1] - 0.7, 2) + Math.Pow(p[2] - 0.5, 2));

    [Fact]
    public void Full_region_is_the_unit_cube()
    {
        var full = Region.Full(2);

        Assert.Equal([0.0, 0.0], full.Lower);
        Assert.Equal([1.0, 1.0], full.Upper);
        Assert.Equal([0.25, 0.75], full.Sample([0.25, 0.75]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Region_narrowed_contains_the_best_point(int seed)
    {
        var scored = Scored(100, seed, Bowl);
        var best = scored.MaxBy(s => s.Score).Point;

        var region = Region.Narrow(scored, keepFraction: 0.1, margin: 0, floor: 0.01);

        Assert.True(region.Contains(best));
        Assert.True(region.Contains([0.2, 0.7, 0.5]), region.ToString());
        Assert.All(Enumerable.Range(0, 3), d => Assert.True(region.Upper[d] - region.Lower[d] < 0.8, region.ToString()));
    }

    [Fact]
    public void Higher_scores_are_better()
    {
        (double[] Point, double Score)[] scored = [([0.1], 1.0), ([0.9], 5.0), ([0.5], double.NaN)];

        var region = Region.Narrow(scored, keepFraction: 0.01, margin: 0, floor: 0.1);

        Assert.True(region.Contains([0.9]));
        Assert.False(region.Contains([0.1]));
    }

    [Fact]
    public void A_diverged_trial_scored_NaN_is_never_kept()
    {
        (double[] Point, double Score)[] scored = [([0.1], double.NaN), ([0.9], -1e9)];

        var region = Region.Narrow(scored, keepFraction: 0.5, margin: 0, floor: 0.1);

        Assert.False(region.Contains([0.1]));
    }

    [Fact]
    public void Region_keeps_the_bounding_box_of_the_top_fraction_padded_by_the_margin()
    {
        (double[] Point, double Score)[] scored =
        [
            ([0.3, 0.4], 10), ([0.5, 0.45], 9), ([0.4, 0.6], 8), ([0.9, 0.1], 1), ([0.05, 0.95], 0),
        ];

        var region = Region.Narrow(scored, keepFraction: 0.6, margin: 0.05, floor: 0.01);

        Assert.Equal([0.25, 0.35], region.Lower.Select(x => Math.Round(x, 12)));
        Assert.Equal([0.55, 0.65], region.Upper.Select(x => Math.Round(x, 12)));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.97)]
    public void Region_is_never_smaller_than_its_floor(double bestCoordinate)
    {
        (double[] Point, double Score)[] scored = [([bestCoordinate, 0.3], 1), ([0.9, 0.9], 0)];

        var region = Region.Narrow(scored, keepFraction: 0.5, margin: 0.001, floor: 0.2);

        Assert.All(Enumerable.Range(0, 2), d => Assert.True(region.Upper[d] - region.Lower[d] >= 0.2 - 1e-12, region.ToString()));
        Assert.True(region.Contains([bestCoordinate, 0.3]), region.ToString());
        Assert.All(region.Lower.Concat(region.Upper), x => Assert.InRange(x, 0, 1));
    }

    [Fact]
    public void Region_samples_lie_inside_the_region_and_fill_it()
    {
        var region = new Region([0.1, 0.5], [0.3, 0.55]);
        var sampler = new RandomSampler(2, 9);

        var points = Enumerable.Range(0, 2000).Select(i => region.Sample(sampler.Sample(i))).ToArray();

        Assert.All(points, p => Assert.True(region.Contains(p)));
        Assert.InRange(points.Min(p => p[0]), 0.1, 0.101);
        Assert.InRange(points.Max(p => p[0]), 0.299, 0.3);
        Assert.Equal([0.3, 0.55], region.Sample([1.0, 1.0]));
    }

    [Fact]
    public void Narrowing_works_in_the_unit_cube_so_a_log_dimension_stays_near_its_best_decade()
    {
        var space = new SearchSpace([Dimension.Log("learning_rate", 1e-4, 1)]);
        var sampler = new RandomSampler(1, 4);
        var scored = Enumerable.Range(0, 200)
            .Select(i => sampler.Sample(i))
            .Select(u => (u, -Math.Abs(Math.Log10(space.ToConfiguration(u).GetDouble("learning_rate")) + 3)))
            .ToArray();

        var region = Region.Narrow(scored, keepFraction: 0.05, margin: 0.01, floor: 0.05);
        var rates = Enumerable.Range(0, 1000)
            .Select(i => space.ToConfiguration(region.Sample(sampler.Sample(i))).GetDouble("learning_rate"))
            .ToArray();

        Assert.All(rates, rate => Assert.InRange(rate, 3e-4, 3e-3));
        Assert.Contains(rates, rate => rate < 1e-3);
        Assert.Contains(rates, rate => rate > 1e-3);
    }

    [Fact]
    public void Regions_are_plain_data_compared_by_value()
    {
        Assert.Equal(new Region([0.1], [0.2]), new Region([0.1], [0.2]));
        Assert.NotEqual(new Region([0.1], [0.2]), new Region([0.1], [0.3]));
    }

    [Fact]
    public void An_inverted_or_out_of_cube_region_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Region([0.5], [0.4]));
        Assert.Throws<ArgumentException>(() => new Region([-0.1], [0.4]));
        Assert.Throws<ArgumentException>(() => new Region([0.1, 0.2], [0.4]));
    }

    [Fact]
    public void Narrowing_rejects_nonsense_arguments()
    {
        (double[] Point, double Score)[] scored = [([0.5], 1)];

        Assert.Throws<ArgumentOutOfRangeException>(() => Region.Narrow(scored, 0, 0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Region.Narrow(scored, 0.5, 0, 0));
        Assert.Throws<ArgumentException>(() => Region.Narrow([], 0.5, 0, 0.1));
        Assert.Throws<ArgumentException>(() => Region.Narrow([([1.5], 1)], 0.5, 0, 0.1));
    }

    private static readonly SearchSpace Mixed = new(
    [
        Dimension.Log("learning_rate", 1e-4, 1),
        Dimension.Categorical("optimizer", "sgd", "momentum", "adam"),
        Dimension.Int("layers", 1, 3),
        Dimension.IntLog("hidden_units", 16, 1024),
    ]);

    [Fact]
    public void A_categorical_or_small_integer_dimension_keeps_a_probability_for_every_level()
    {
        // The best trials all used adam and two layers.
        var history = Enumerable.Range(0, 20).Select(i => new ScoredPoint(
            Mixed.ToUnit(new Configuration([
                KeyValuePair.Create("learning_rate", (ParameterValue)1e-3),
                KeyValuePair.Create("optimizer", (ParameterValue)(i < 5 ? "adam" : "sgd")),
                KeyValuePair.Create("layers", (ParameterValue)(i < 5 ? 2.0 : 1.0 + i % 3)),
                KeyValuePair.Create("hidden_units", (ParameterValue)64.0)])),
            i < 5 ? 0.9 : 0.5)).ToArray();

        var region = Region.Full(Mixed).Narrow(history, 0.25, 0.05, 0.1);

        var optimizer = region.Weights[1]!;
        Assert.Equal(1.0, optimizer.Sum(), 9);
        Assert.True(optimizer[2] > 0.5, region.ToString());          // adam gained mass
        Assert.All(optimizer, w => Assert.True(w > 0, region.ToString())); // nothing was cut off
        Assert.True(region.Weights[2]![1] > 0.5, region.ToString());  // two layers
        Assert.Null(region.Weights[3]);                                // int-log hidden units stay an interval
        var sampled = Enumerable.Range(0, 300).Select(i => Mixed.ToConfiguration(region.Sample(new RandomSampler(4, 1).Sample(i)))).ToArray();
        Assert.Contains(sampled, c => c.GetString("optimizer") == "sgd");
        Assert.True(sampled.Count(c => c.GetString("optimizer") == "adam") > 150);
    }

    [Fact]
    public void A_dimension_that_never_acted_is_left_alone()
    {
        var history = Enumerable.Range(0, 12)
            .Select(i => new ScoredPoint([i / 12.0, 0.05 * i], i, Active: [true, false]))
            .ToArray();

        var region = Region.Full(2).Narrow(history, 0.25, 0.05, 0.1);

        Assert.True(region.Upper[0] - region.Lower[0] < 0.5);
        Assert.Equal((0.0, 1.0), (region.Lower[1], region.Upper[1]));
    }

    [Fact]
    public void An_interval_widens_past_the_edge_where_the_best_trial_sits()
    {
        var current = new Region([0.4], [0.6]);
        var history = new[] { new ScoredPoint([0.59], 1.0), new ScoredPoint([0.55], 0.9), new ScoredPoint([0.45], 0.1), new ScoredPoint([0.41], 0.0) };

        var next = current.Narrow(history, 0.5, 0.0, 0.01);

        Assert.True(next.Upper[0] > 0.6, next.ToString()); // the optimum may lie beyond the old edge
    }

    [Fact]
    public void Narrowing_uses_the_whole_history_so_one_generation_cannot_shrink_the_space_alone()
    {
        var old = Enumerable.Range(0, 30).Select(i => new ScoredPoint([i / 30.0], i % 2 == 0 ? 0.9 : 0.1));
        var latest = new[] { new ScoredPoint([0.5], 0.95) };

        var region = Region.Full(1).Narrow([.. old, .. latest], 0.25, 0.0, 0.01);

        Assert.True(region.Upper[0] - region.Lower[0] > 0.4, region.ToString()); // the latest generation alone would give the floor, 0.01
    }
}
