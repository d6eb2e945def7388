using Orleans.Tuning.Client.Reports;

namespace Orleans.Tuning.Client.Tests.Reports;

public class ParallelCoordinatesTests
{
    [Fact]
    public void Each_trial_crosses_every_dimension_at_its_u_and_the_metric_axis_by_its_rank()
    {
        var data = ParallelCoordinates.Prepare(SampleStudy.Results());

        Assert.Equal(["learning_rate", "beta1", "optimizer", "validation accuracy"], data.Axes);
        Assert.Equal(SampleStudy.SearchTrials - 1, data.Lines.Count);
        var first = data.Lines.Single(l => l.Trial == 0);
        Assert.Equal(SampleStudy.ULearningRate(0), first.Positions[0], 9); // u, not the raw learning rate
        Assert.Equal(0.25, first.Positions[2]);                              // adam: the centre of the first half
        var best = data.Lines.Single(l => l.Trial == SampleStudy.Best);
        Assert.Equal((1.0, 1.0), (best.Quality, best.Positions[^1]));
        Assert.Equal(0, data.Lines.Min(l => l.Quality));
        Assert.All(data.Lines, l => Assert.All(l.Positions, u => Assert.InRange(u, 0, 1)));
        Assert.Equal(["1e-4", "0.8", "adam"], data.Low.Take(3));
        Assert.Equal(["1e-1", "0.9999", "momentum"], data.High.Take(3));
    }
}
