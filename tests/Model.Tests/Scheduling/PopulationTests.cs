using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Scheduling;

namespace Orleans.Tuning.Model.Tests.Scheduling;

public class PopulationTests
{
    // Ten members scoring 0.0 .. 0.9 (trial t scores t/10), all with checkpoints, points around the middle of the cube.
    private static Member[] Ten(Func<int, bool>? hasCheckpoint = null) =>
        Enumerable.Range(0, 10)
            .Select(t => new Member(t, t / 10.0, hasCheckpoint?.Invoke(t) ?? true, [0.3 + 0.01 * t, 0.5, 0.6]))
            .ToArray();

    [Fact]
    public void A_bottom_member_exploits_a_top_member()
    {
        var members = Ten();
        var sources = new HashSet<int>();

        for (ulong seed = 0; seed < 50; seed++)
        {
            var decision = new Population(Unit(3)).Decide(0, members, new Rng(seed));
            sources.Add(Assert.IsType<PopulationDecision.ExploitAndExplore>(decision).SourceTrial);
        }

        // Top 20 % of ten: trials 8 and 9, each chosen sometimes.
        Assert.Equal([8, 9], sources.Order());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(9)]
    public void Members_above_the_bottom_quantile_keep_training(int trial)
    {
        var decision = new Population(Unit(3)).Decide(trial, Ten(), new Rng(1));

        Assert.IsType<PopulationDecision.KeepTraining>(decision);
    }

    [Fact]
    public void Never_copies_from_a_member_without_a_checkpoint()
    {
        // The two best (9 and 8) have no checkpoint yet; the top 20 % of the seven others with one are 7 and 6.
        var members = Ten(t => t < 8);

        for (ulong seed = 0; seed < 50; seed++)
        {
            var decision = new Population(Unit(3)).Decide(1, members, new Rng(seed));
            var exploit = Assert.IsType<PopulationDecision.ExploitAndExplore>(decision);
            Assert.True(members.Single(m => m.Trial == exploit.SourceTrial).HasCheckpoint);
            Assert.Contains(exploit.SourceTrial, new[] { 6, 7 });
        }
    }

    [Fact]
    public void Keeps_training_when_no_better_member_has_a_checkpoint()
    {
        var noneSaved = Ten(_ => false);
        var onlySelfSaved = Ten(t => t == 0);

        Assert.IsType<PopulationDecision.KeepTraining>(new Population(Unit(3)).Decide(0, noneSaved, new Rng(1)));
        Assert.IsType<PopulationDecision.KeepTraining>(new Population(Unit(3)).Decide(0, onlySelfSaved, new Rng(1)));
    }

    [Fact]
    public void A_diverged_member_ranks_last_and_exploits()
    {
        var members = Ten().Select(m => m.Trial == 5 ? m with { Score = double.NaN } : m).ToArray();

        Assert.IsType<PopulationDecision.ExploitAndExplore>(new Population(Unit(3)).Decide(5, members, new Rng(1)));
    }

    [Fact]
    public void Explored_points_stay_in_the_unit_cube()
    {
        var rng = new Rng(11);
        var mask = Perturbation.AllPerturbable(4);

        for (var i = 0; i < 2000; i++)
        {
            var point = Perturbation.Explore([0.0, 0.95, 1.0, rng.NextDouble()], mask, 0.25, Unit(4), rng);
            Assert.All(point, x => Assert.InRange(x, 0.0, 1.0));
        }
    }

    [Fact]
    public void Masked_dimensions_keep_the_source_value_exactly()
    {
        var population = new Population(Unit(4), resampleProbability: 0.5, perturbable: [true, false, true, false]);
        var members = Ten().Select(m => m with { Point = [0.5, 0.123456789, 0.5, 0.987654321] }).ToArray();

        for (ulong seed = 0; seed < 50; seed++)
        {
            var exploit = Assert.IsType<PopulationDecision.ExploitAndExplore>(population.Decide(0, members, new Rng(seed)));
            Assert.Equal(0.123456789, exploit.NewPoint[1]);
            Assert.Equal(0.987654321, exploit.NewPoint[3]);
        }
    }

    [Fact]
    public void Without_resampling_each_coordinate_is_multiplied_by_exactly_0_8_or_1_2()
    {
        var rng = new Rng(5);
        double[] source = [0.5, 0.3, 0.7, 0.1];
        var factors = new HashSet<double>();

        for (var i = 0; i < 200; i++)
        {
            var point = Perturbation.Explore(source, Perturbation.AllPerturbable(4), resampleProbability: 0, Unit(4), rng);
            for (var d = 0; d < source.Length; d++)
            {
                Assert.True(point[d] == source[d] * 0.8 || point[d] == source[d] * 1.2, $"{point[d]} from {source[d]}");
                factors.Add(point[d] == source[d] * 0.8 ? 0.8 : 1.2);
            }
        }

        Assert.Equal([0.8, 1.2], factors.Order());
    }

    [Fact]
    public void Resampling_happens_at_about_the_requested_rate()
    {
        var rng = new Rng(9);
        double[] source = [0.5];
        var trials = 4000;

        var resampled = Enumerable.Range(0, trials)
            .Select(_ => Perturbation.Explore(source, [true], 0.25, Unit(1), rng)[0])
            .Count(x => x != 0.4 && x != 0.6);

        Assert.InRange(resampled / (double)trials, 0.22, 0.28);
    }

    [Fact]
    public void The_same_seed_gives_the_same_decision()
    {
        var members = Ten();

        var first = Assert.IsType<PopulationDecision.ExploitAndExplore>(new Population(Unit(3)).Decide(1, members, new Rng(42)));
        var second = Assert.IsType<PopulationDecision.ExploitAndExplore>(new Population(Unit(3)).Decide(1, members, new Rng(42)));

        Assert.Equal(first.SourceTrial, second.SourceTrial);
        Assert.Equal(first.NewPoint, second.NewPoint);
    }

    [Theory]
    [InlineData(0, 3, false)]
    [InlineData(2, 3, false)]
    [InlineData(3, 3, true)]
    [InlineData(6, 3, true)]
    [InlineData(7, 3, false)]
    [InlineData(1, 1, true)]
    public void A_member_is_ready_every_n_rounds(int round, int every, bool ready)
    {
        Assert.Equal(ready, Population.IsReady(round, every));
    }

    // A linear scale over [0, 1]: the value is the coordinate, so these tests read in u.
    private static Scale[] Unit(int dimensions) => [.. Enumerable.Repeat<Scale>(new LinearScale(0, 1), dimensions)];

    [Fact]
    public void Explore_scales_a_log_dimension_by_a_factor_wherever_it_sits_in_its_range()
    {
        var scale = new LogScale(1e-5, 1);
        foreach (var rate in new[] { 1e-4, 1e-2, 0.5 })
        {
            var rng = new Rng(3);
            for (var i = 0; i < 20; i++)
            {
                var moved = scale.ToValue(Perturbation.Explore([scale.ToUnit(rate)], [true], 0, [scale], rng)[0]).Number;
                Assert.True(Math.Abs(moved / rate - 0.8) < 1e-9 || Math.Abs(moved / rate - 1.2) < 1e-9, $"{rate} → {moved}");
            }
        }
    }

    [Fact]
    public void Explore_scales_one_minus_beta_and_moves_a_choice_to_its_neighbour()
    {
        var beta = new OneMinusLogScale(0.9, 0.9999);
        var up = beta.ToValue(beta.Perturb(beta.ToUnit(0.99), 1.2)).Number;
        Assert.Equal(1 - 0.01 * 1.2, up, 9);

        var optimizer = new CategoricalScale(["sgd", "momentum", "adam"]);
        Assert.Equal("momentum", optimizer.ToValue(optimizer.Perturb(optimizer.ToUnit("sgd"), 1.2)).Choice);
        Assert.Equal("sgd", optimizer.ToValue(optimizer.Perturb(optimizer.ToUnit("momentum"), 0.8)).Choice);

        var layers = new IntScale(0, 4);
        Assert.Equal(1, layers.ToValue(layers.Perturb(layers.ToUnit(0), 1.2)).Number); // a count of 0 can still move
    }
}
