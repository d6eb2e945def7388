using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Search;

public class SamplerTests
{
    private static double[][] Take(ISampler sampler, int count) =>
        Enumerable.Range(0, count).Select(sampler.Sample).ToArray();

    // The largest gap, over boxes [0,a)×[0,b) on a 32×32 lattice, between a box's share of the
    // points and its area: an estimate of star discrepancy, small when the cube is evenly covered.
    private static double Discrepancy(double[][] points)
    {
        var worst = 0.0;
        for (var i = 1; i <= 32; i++)
        for (var j = 1; j <= 32; j++)
        {
            double a = i / 32.0, b = j / 32.0;
            var share = points.Count(p => p[0] < a && p[1] < b) / (double)points.Length;
            worst = Math.Max(worst, Math.Abs(share - a * b));
        }
        return worst;
    }

    public static TheoryData<string> SeededSamplers => ["random", "halton"];

    private static ISampler Build(string kind, int dimensions, int seed) => kind switch
    {
        "random" => new RandomSampler(dimensions, seed),
        "halton" => new HaltonSampler(dimensions, seed),
        _ => throw new ArgumentException(kind),
    };

    [Theory]
    [MemberData(nameof(SeededSamplers))]
    public void A_seeded_sampler_is_reproducible_for_a_seed(string kind)
    {
        Assert.Equal(Take(Build(kind, 4, 7), 100), Take(Build(kind, 4, 7), 100));
    }

    [Theory]
    [MemberData(nameof(SeededSamplers))]
    public void A_seeded_sampler_differs_across_seeds(string kind)
    {
        var first = Take(Build(kind, 4, 7), 100);
        var second = Take(Build(kind, 4, 8), 100);

        Assert.All(first.Zip(second), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Theory]
    [MemberData(nameof(SeededSamplers))]
    public void A_point_depends_only_on_the_seed_and_its_index_so_a_restart_resumes(string kind)
    {
        var sequence = Take(Build(kind, 3, 11), 50);
        var resumed = Build(kind, 3, 11);

        Assert.Equal(sequence[42], resumed.Sample(42));
        Assert.Equal(sequence[7], resumed.Sample(7));
    }

    [Theory]
    [MemberData(nameof(SeededSamplers))]
    public void Samples_lie_in_the_unit_cube(string kind)
    {
        Assert.All(Take(Build(kind, 5, 3), 1000).SelectMany(p => p), x => Assert.InRange(x, 0, 1));
    }

    [Fact]
    public void Random_coordinates_are_uniform()
    {
        var xs = Take(new RandomSampler(2, 5), 20_000).Select(p => p[1]).ToArray();

        Assert.InRange(xs.Average(), 0.49, 0.51);
        Assert.All(Enumerable.Range(0, 10), decile =>
            Assert.InRange(xs.Count(x => (int)(x * 10) == decile), 1850, 2150));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Halton_points_cover_the_cube_more_evenly_than_random_ones(int seed)
    {
        var halton = Discrepancy(Take(new HaltonSampler(2, seed), 1000));
        var random = Discrepancy(Take(new RandomSampler(2, seed), 1000));

        Assert.True(halton < random / 4, $"Halton {halton:F4} vs random {random:F4}");
    }

    [Fact]
    public void Grid_produces_the_full_product_of_levels()
    {
        var space = new SearchSpace(
        [
            Dimension.Log("learning_rate", 1e-4, 1),
            Dimension.Int("layers", 1, 2),
            Dimension.Categorical("optimizer", "momentum", "rmsprop", "adam"),
        ]);
        var grid = new GridSampler(space, 5);

        var configurations = Enumerable.Range(0, grid.Count).Select(i => space.ToConfiguration(grid.Sample(i))).ToArray();

        Assert.Equal(5 * 2 * 3, grid.Count);
        Assert.Equal(grid.Count, configurations.Distinct().Count());
        Assert.Equal([1e-4, 1e-3, 1e-2, 1e-1, 1], configurations.Select(c => c.GetDouble("learning_rate")).Distinct().Order().Select(x => Math.Round(x, 12)));
        Assert.Equal([1, 2], configurations.Select(c => c.GetInt("layers")).Distinct().Order());
        Assert.Equal(["adam", "momentum", "rmsprop"], configurations.Select(c => c.GetString("optimizer")).Distinct().Order());
        Assert.Throws<ArgumentOutOfRangeException>(() => grid.Sample(grid.Count));
    }

    [Fact]
    public void Grid_on_a_wide_integer_dimension_spreads_integers_evenly_on_its_scale()
    {
        var space = new SearchSpace([Dimension.IntLog("hidden_units", 16, 1024)]);
        var grid = new GridSampler(space, 4);

        var units = Enumerable.Range(0, grid.Count).Select(i => space.ToConfiguration(grid.Sample(i)).GetInt("hidden_units")).ToArray();

        Assert.Equal(16, units[0]);
        Assert.Equal(1024, units[^1]);
        Assert.All(units.Zip(units.Skip(1)), pair => Assert.InRange(pair.Second / (double)pair.First, 3.8, 4.2));
    }
}

public class GridOrderTests
{
    private static readonly SearchSpace Space = new(
    [
        Dimension.Log("learning_rate", 1e-4, 1),
        Dimension.Log("epsilon", 1e-8, 1e-4),
        Dimension.Categorical("optimizer", "momentum", "rmsprop", "adam"),
    ]);

    [Fact]
    public void Grid_visits_every_level_of_every_dimension_within_its_first_few_points()
    {
        var grid = new GridSampler(Space, 3);

        var first = Enumerable.Range(0, 3).Select(grid.Sample).ToArray();

        for (var d = 0; d < Space.Count; d++)
            Assert.Equal(3, first.Select(p => p[d]).Distinct().Count());
    }

    [Fact]
    public void Grid_order_is_a_permutation_of_the_full_product()
    {
        var grid = new GridSampler(Space, 3);

        var points = Enumerable.Range(0, grid.Count).Select(i => string.Join(",", grid.Sample(i))).ToArray();

        Assert.Equal(27, points.Distinct().Count());
    }
}
