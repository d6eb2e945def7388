using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Scheduling;

namespace Orleans.Tuning.Model.Tests.Scheduling;

public class PandaTests
{
    private const double Rate = 0.01;

    private static List<RoundResult> Curve(params (double Loss, double Score)[] rounds) =>
        rounds.Select((r, i) => new RoundResult(0, i + 1, r.Score, r.Loss, Rate)).ToList();

    [Fact]
    public void An_improving_curve_continues()
    {
        var history = Curve((1.0, 0.5), (0.8, 0.6), (0.7, 0.65), (0.6, 0.7));

        Assert.IsType<PandaDecision.Continue>(new Panda().Decide(history, Rate));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(2.5)] // more than twice the previous 1.0
    public void A_diverging_round_rolls_back_with_half_the_rate(double loss)
    {
        var history = Curve((1.2, 0.5), (1.0, 0.6), (loss, 0.55));

        var rollback = Assert.IsType<PandaDecision.Rollback>(new Panda().Decide(history, Rate));

        Assert.Equal(Rate / 2, rollback.NewLearningRate);
    }

    [Fact]
    public void A_loss_that_rises_less_than_the_divergence_factor_is_not_divergence()
    {
        var history = Curve((1.2, 0.5), (1.0, 0.6), (1.9, 0.65));

        Assert.IsType<PandaDecision.Continue>(new Panda().Decide(history, Rate));
    }

    [Fact]
    public void A_stalled_curve_nudges_the_rate_down()
    {
        var history = Curve((1.0, 0.5), (0.9, 0.7), (0.89, 0.7001), (0.88, 0.7002));

        var nudge = Assert.IsType<PandaDecision.NudgeLearningRate>(new Panda(stallTolerance: 1e-3, patience: 2).Decide(history, Rate));

        Assert.Equal(Rate / 2, nudge.NewLearningRate);
    }

    [Fact]
    public void A_freshly_nudged_rate_gets_its_full_patience()
    {
        var history = Curve((1.0, 0.5), (0.9, 0.7), (0.89, 0.7), (0.88, 0.7));
        history.Add(new RoundResult(0, 5, 0.7, 0.87, Rate / 2));

        Assert.IsType<PandaDecision.Continue>(new Panda(patience: 2).Decide(history, Rate / 2));
    }

    [Fact]
    public void Stalled_at_the_smallest_rate_stops_as_converged()
    {
        var history = Curve((1.0, 0.5), (0.9, 0.7), (0.9, 0.7), (0.9, 0.7))
            .Select(h => h with { LearningRate = 1.5e-6 }).ToList();

        var stop = Assert.IsType<PandaDecision.Stop>(new Panda(minLearningRate: 1e-6).Decide(history, 1.5e-6));

        Assert.Equal("converged", stop.Reason);
    }

    [Fact]
    public void The_next_panda_starts_near_the_best_finished_one()
    {
        var finished = new List<(double[] Point, double Score)> { ([0.1, 0.1], 0.5), ([0.5, 0.6], 0.9), ([0.9, 0.9], double.NaN) };

        for (ulong seed = 0; seed < 20; seed++)
        {
            var point = Panda.NextStartingPoint(finished, Unit(2), new Rng(seed));
            Assert.Equal(Perturbation.Explore([0.5, 0.6], [true, true], Perturbation.DefaultResampleProbability, Unit(2), new Rng(seed)), point);
        }
    }

    [Fact]
    public void The_first_panda_starts_from_a_uniform_point()
    {
        var point = Panda.NextStartingPoint([], Unit(3), new Rng(4));

        Assert.Equal(3, point.Length);
        Assert.All(point, x => Assert.InRange(x, 0.0, 1.0));
        Assert.NotEqual(point, Panda.NextStartingPoint([], Unit(3), new Rng(5)));
    }

    private static Scale[] Unit(int dimensions) => [.. Enumerable.Repeat<Scale>(new LinearScale(0, 1), dimensions)];
}
