using Orleans.Tuning.Client.Reports;

namespace Orleans.Tuning.Client.Tests.Reports;

public class LearningCurvesTests
{
    [Fact]
    public void A_curve_per_trial_that_reported_with_a_point_per_kept_round()
    {
        var data = LearningCurves.Prepare(SampleStudy.Results());

        // Every search trial but the one that failed before reporting, and the re-test.
        Assert.Equal(SampleStudy.SearchTrials - 1 + 1, data.Curves.Count);
        Assert.All(data.Curves, c => Assert.Equal([2.0, 4, 6], c.Epochs));
        Assert.Single(data.Curves, c => c.Retest);
        var first = data.Curves.Single(c => c.Trial == 0);
        Assert.Equal(SampleStudy.Accuracy(0), first.Values[^1], 12);
    }

    [Fact]
    public void A_rollback_is_marked_where_it_happened_and_left_out_of_the_curve()
    {
        var data = LearningCurves.Prepare(SampleStudy.Results());

        var rollback = Assert.Single(data.Rollbacks);
        Assert.Equal((SampleStudy.RolledBack, 4.0, 0.1), (rollback.Trial, rollback.Epoch, rollback.Value));
        Assert.DoesNotContain(0.1, data.Curves.Single(c => c.Trial == SampleStudy.RolledBack).Values);
    }

    [Fact]
    public void An_exploit_points_from_the_copied_trial_to_the_copy()
    {
        var data = LearningCurves.Prepare(SampleStudy.Results());

        var exploit = Assert.Single(data.Exploits);
        Assert.Equal((SampleStudy.Exploiter, SampleStudy.Exploited), (exploit.Trial, exploit.Source));
        Assert.Equal(4.0, exploit.FromEpoch);
        Assert.Equal(SampleStudy.Accuracy(SampleStudy.Exploited) - 0.1, exploit.FromValue, 12); // the source at round 2
        Assert.Equal(6.0, exploit.ToEpoch);
        Assert.Equal(SampleStudy.Accuracy(SampleStudy.Exploiter), exploit.ToValue, 12);          // the copy's next round
    }
}
