using Orleans.Tuning.Model.Analysis;

namespace Orleans.Tuning.Model.Tests.Analysis;

public class PedAnovaTests
{
    private static (double[][] Points, double[] Scores) Sample(int n, int dimensions, Func<double[], double> score, int seed = 7)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, dimensions).Select(_ => random.NextDouble()).ToArray()).ToArray();
        return (points, points.Select(score).ToArray());
    }

    [Fact]
    public void The_dimension_that_decides_the_score_ranks_first_and_an_ignored_one_last()
    {
        // Dimension 2 matters most, dimension 0 a little, dimension 1 not at all.
        var (points, scores) = Sample(300, 3, p => -10 * (p[2] - 0.3) * (p[2] - 0.3) + 0.5 * p[0]);

        var importance = PedAnova.Importance(points, scores, [0, 0, 0]);

        Assert.Equal(1.0, importance.Sum(), 9);
        Assert.Equal([2, 0, 1], importance.Select((v, d) => (v, d)).OrderByDescending(x => x.v).Select(x => x.d));
        Assert.True(importance[2] > 0.6, $"dominant dimension got {importance[2]:F3}");
        Assert.True(importance[1] < 0.1, $"ignored dimension got {importance[1]:F3}");
    }

    [Fact]
    public void A_categorical_dimension_is_judged_over_its_choices()
    {
        // Two continuous dimensions of noise; the score depends on which of three choices was taken.
        var random = new Random(3);
        var (points, _) = Sample(240, 3, _ => 0);
        var scores = points.Select(p => (int)(p[2] * 3) == 1 ? 1 + 0.01 * random.NextDouble() : random.NextDouble()).ToArray();

        var importance = PedAnova.Importance(points, scores, [0, 0, 3]);

        Assert.Equal(2, Array.IndexOf(importance, importance.Max()));
    }

    [Fact]
    public void Diverged_trials_are_left_out_and_too_few_trials_tell_nothing()
    {
        var (points, scores) = Sample(100, 2, p => p[0]);
        var withNan = scores.Select((s, i) => i % 10 == 0 ? double.NaN : s).ToArray();

        var importance = PedAnova.Importance(points, withNan, [0, 0]);
        var tooFew = PedAnova.Importance(points[..2], scores[..2], [0, 0]);

        Assert.True(importance[0] > importance[1]);
        Assert.Equal([0.0, 0.0], tooFew);
    }
}
