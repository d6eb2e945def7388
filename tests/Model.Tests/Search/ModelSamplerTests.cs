using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Search;

/// <summary>What every model-based sampler promises, whatever its model: it concentrates where the scores are best,
/// never suggests a point twice, and suggests from the history alone.</summary>
public class ModelSamplerTests
{
    public static TheoryData<string> Kinds => ["tpe", "gp", "cma-es"];

    // Samplers that handle categorical dimensions (CMA-ES does not).
    public static TheoryData<string> MixedKinds => ["tpe", "gp"];

    private static IModelSampler Build(string kind, SearchSpace space, int seed) => kind switch
    {
        "tpe" => new TpeSampler(space, seed),
        "gp" => new GpSampler(space, seed),
        "cma-es" => new CmaEsSampler(space, seed),
        _ => throw new ArgumentException(kind),
    };

    private static readonly SearchSpace Cube = new([Dimension.Linear("a", 0, 1), Dimension.Linear("b", 0, 1), Dimension.Linear("c", 0, 1)]);
    private static readonly double[] Planted = [0.73, 0.21, 0.42];

    private static double Distance(double[] p, double[] q) => Math.Sqrt(p.Zip(q, (x, y) => (x - y) * (x - y)).Sum());

    // Runs the sampler one trial at a time; the score is what `score` says of the point.
    private static List<ScoredPoint> Run(IModelSampler sampler, int trials, Func<double[], double> score)
    {
        var history = new List<ScoredPoint>();
        for (var i = 0; i < trials; i++)
        {
            var point = sampler.Suggest(i, history, []);
            history.Add(new ScoredPoint(point, score(point)));
        }
        return history;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void It_concentrates_its_suggestions_on_a_planted_optimum(string kind)
    {
        var history = Run(Build(kind, Cube, seed: 3), 80, p => -Distance(p, Planted));

        // Uniform points of the unit cube lie about 0.6 from a point like this one, half of them further; TPE's kernels stay wide (Optuna's bandwidth).
        var late = history.Skip(60).Select(h => Distance(h.Point, Planted)).Order().ToArray();
        Assert.True(late[late.Length / 2] < 0.3, $"median distance of the last 20 suggestions: {late[late.Length / 2]:F3}");
        Assert.True(history.Min(h => Distance(h.Point, Planted)) < 0.05);
    }

    [Theory]
    [MemberData(nameof(MixedKinds))]
    public void On_a_mixed_space_it_settles_on_the_planted_choice_and_integer(string kind)
    {
        var space = new SearchSpace([
            Dimension.Log("rate", 1e-4, 1),
            Dimension.Int("layers", 1, 6),
            Dimension.Categorical("optimizer", "sgd", "momentum", "adam", "rmsprop"),
        ]);
        double Score(double[] p)
        {
            var c = space.ToConfiguration(p);
            return -Math.Abs(Math.Log10(c.GetDouble("rate")) + 2.5) - Math.Abs(c.GetInt("layers") - 4) - (c.GetString("optimizer") == "adam" ? 0 : 2);
        }
        var history = Run(Build(kind, space, seed: 5), 80, Score);

        var late = history.Skip(50).Select(h => space.ToConfiguration(h.Point)).ToArray();
        Assert.True(late.Count(c => c.GetString("optimizer") == "adam") >= 0.7 * late.Length, string.Join("; ", late.Select(c => c.ToString())));
        Assert.True(late.Count(c => c.GetInt("layers") == 4) >= 0.4 * late.Length, string.Join("; ", late.Select(c => c.ToString())));
    }

    [Theory]
    [MemberData(nameof(MixedKinds))]
    public void It_never_repeats_a_point_and_fills_a_small_space_exactly(string kind)
    {
        var space = new SearchSpace([Dimension.Int("layers", 1, 4), Dimension.Categorical("optimizer", "sgd", "momentum", "adam")]);
        var sampler = Build(kind, space, seed: 2);
        // Half the points finished, half still running, as on a cluster; the score favours one corner.
        var finished = new List<ScoredPoint>();
        var running = new List<double[]>();
        for (var i = 0; i < 12; i++)
        {
            var point = sampler.Suggest(i, finished, running);
            if (i % 2 == 0) running.Add(point);
            else finished.Add(new ScoredPoint(point, space.ToConfiguration(point).GetInt("layers")));
        }

        var configurations = finished.Select(f => f.Point).Concat(running).Select(space.ToConfiguration).ToList();
        Assert.Equal(12, sampler.Capacity);
        Assert.Equal(12, configurations.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void It_never_suggests_a_running_point_again(string kind)
    {
        var sampler = Build(kind, Cube, seed: 4);
        var finished = Run(sampler, 30, p => -Distance(p, Planted));
        var running = new List<double[]>();
        for (var i = 0; i < 8; i++) running.Add(sampler.Suggest(30 + i, finished, running));

        Assert.Equal(8, running.Distinct(new PointEquality()).Count());
        Assert.DoesNotContain(running, r => finished.Any(f => f.Point.SequenceEqual(r)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Resumed_from_the_history_alone_it_suggests_what_it_would_have_suggested(string kind)
    {
        var history = Run(Build(kind, Cube, seed: 9), 40, p => -Distance(p, Planted));

        var resumed = Build(kind, Cube, seed: 9);
        foreach (var i in new[] { 0, 5, 17, 39 })
            Assert.Equal(history[i].Point, resumed.Suggest(i, history.Take(i).ToList(), []));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Another_seed_suggests_other_points(string kind)
    {
        var one = Run(Build(kind, Cube, seed: 1), 20, p => -Distance(p, Planted));
        var other = Run(Build(kind, Cube, seed: 2), 20, p => -Distance(p, Planted));
        Assert.NotEqual(one.Select(h => h.Point[0]), other.Select(h => h.Point[0]));
    }

    [Fact]
    public void Cma_es_never_repeats_an_integer_point_and_fills_a_small_integer_space()
    {
        var space = new SearchSpace([Dimension.Int("layers", 1, 4), Dimension.IntLog("hidden_units", 2, 4)]);
        var sampler = new CmaEsSampler(space, seed: 3);
        var history = Run(sampler, 12, p => -Distance(p, [0.6, 0.6]));

        Assert.Equal(12, sampler.Capacity);
        Assert.Equal(12, history.Select(h => space.ToConfiguration(h.Point)).Distinct().Count());
    }

    [Fact]
    public void Cma_es_refuses_a_categorical_dimension_by_name()
    {
        var space = new SearchSpace([Dimension.Linear("a", 0, 1), Dimension.Categorical("optimizer", "sgd", "adam")]);
        var e = Assert.Throws<ArgumentException>(() => new CmaEsSampler(space, 1));
        Assert.StartsWith("optimizer:", e.Message);
    }

    private sealed class PointEquality : IEqualityComparer<double[]>
    {
        public bool Equals(double[]? x, double[]? y) => x!.SequenceEqual(y!);
        public int GetHashCode(double[] p) => p.Aggregate(0, (h, x) => HashCode.Combine(h, x));
    }
}
