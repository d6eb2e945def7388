using Orleans.Tuning.Client.Reports;

namespace Orleans.Tuning.Client.Tests.Reports;

public class HyperparameterScatterTests
{
    [Fact]
    public void A_log_dimension_is_plotted_on_a_log_axis_with_a_band_per_generation()
    {
        var data = HyperparameterScatter.Prepare(SampleStudy.Results(), SampleStudy.Space[0]);

        Assert.True(data.Scale.IsLog);
        Assert.Equal(SampleStudy.SearchTrials - 1, data.Xs.Length);
        Assert.Equal(Math.Log10(SampleStudy.LearningRate(0)), data.Xs[0], 12);
        Assert.Equal(SampleStudy.Accuracy(0), data.Values[0], 12);
        Assert.Equal([(0, -4.0, -1.0), (1, -3.0, -2.0)], data.Bands.Select(b => (b.Generation, Math.Round(b.Lower, 9), Math.Round(b.Upper, 9))));
        Assert.Equal("1e-3", data.Scale.Label(-3));
        Assert.Equal("learning_rate (log scale)", data.Scale.Title("learning_rate"));
    }

    [Fact]
    public void A_one_minus_log_dimension_is_plotted_on_the_log_of_one_minus_beta()
    {
        var data = HyperparameterScatter.Prepare(SampleStudy.Results(), SampleStudy.Space[1]);

        Assert.True(data.Scale.IsLog);
        Assert.Equal(-Math.Log10(1 - SampleStudy.Beta1(0)), data.Xs[0], 9);
        Assert.Equal((1.0, 3.0), (Math.Round(data.Bands[1].Lower, 9), Math.Round(data.Bands[1].Upper, 9)));
        Assert.Equal(["0.9", "0.99", "0.999"], new[] { 1.0, 2, 3 }.Select(data.Scale.Label));
    }

    [Fact]
    public void A_choice_is_plotted_at_its_index_and_its_band_covers_its_half_of_the_axis()
    {
        var data = HyperparameterScatter.Prepare(SampleStudy.Results(), SampleStudy.Space[2]);

        Assert.False(data.Scale.IsLog);
        Assert.Equal([0.0, 1.0], data.Xs.Take(2));
        Assert.Equal((-0.5, 0.5), (data.Bands[1].Lower, data.Bands[1].Upper));
        Assert.Equal("momentum", data.Scale.Label(1));
    }
}
