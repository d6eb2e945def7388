using Orleans.Tuning.Client.Reports;

namespace Orleans.Tuning.Client.Tests.Reports;

public class ImportanceChartTests
{
    [Fact]
    public void The_hyperparameter_the_metric_depends_on_ranks_first()
    {
        var data = ImportanceChart.Prepare(SampleStudy.Results());

        Assert.Equal("learning_rate", data.Dimensions[0]);
        Assert.Equal(data.Importance.OrderDescending(), data.Importance);
        Assert.Equal(1.0, data.Importance.Sum(), 9);
        Assert.Equal(SampleStudy.SearchTrials - 1, data.Trials);
    }
}
