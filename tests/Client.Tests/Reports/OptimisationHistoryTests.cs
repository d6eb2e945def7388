using Orleans.Tuning.Client.Reports;

namespace Orleans.Tuning.Client.Tests.Reports;

public class OptimisationHistoryTests
{
    [Fact]
    public void A_point_per_trial_that_learned_and_a_best_so_far_that_only_improves()
    {
        var data = OptimisationHistory.Prepare(SampleStudy.Results());

        Assert.Equal(SampleStudy.SearchTrials - 1, data.Values.Length); // the failed trial has no point, the re-test is not a search trial
        Assert.DoesNotContain(SampleStudy.FailedTrial, data.Trials);
        Assert.Equal(data.Trials.Order(), data.Trials);
        Assert.Equal(SampleStudy.Accuracy(0), data.Values[0], 12);
        Assert.Equal(data.BestSoFar.Order(), data.BestSoFar);
        Assert.Equal(SampleStudy.Accuracy(SampleStudy.Best), data.BestSoFar[^1], 12);
        Assert.Equal("validation accuracy", data.Metric);
    }

    [Fact]
    public void For_a_loss_the_best_so_far_is_the_lowest()
    {
        var results = SampleStudy.Results();
        results = results with
        {
            Status = results.Status with { Objective = "loss" },
            Rows = [.. results.Rows.Select(r => r with { Score = -r.ValidationLoss })],
        };

        var data = OptimisationHistory.Prepare(results);

        Assert.Equal(data.BestSoFar.OrderDescending(), data.BestSoFar);
        Assert.Equal(1 - SampleStudy.Accuracy(SampleStudy.Best), data.BestSoFar[^1], 12);
        Assert.Equal("validation loss", data.Metric);
    }
}
