using Orleans.Tuning.Client.Tests.Results;
using Orleans.Tuning.Client.Watching;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console.Testing;

namespace Orleans.Tuning.Client.Tests.Watching;

public class StatusPanelTests
{
    [Fact]
    public void The_live_table_shows_budget_progress_and_each_active_trial()
    {
        var trial = new TrialRow(7, "trial", SampleResults.Config(("learning_rate", 0.02), ("optimizer", "adam")), 3, 0.9333, 0.2, 0.9333, "training", "lr nudged");
        var status = SampleResults.Status(StudyPhase.Running, SampleResults.Best) with { Active = [trial] };
        using var console = new TestConsole();
        console.Profile.Width = 200;

        console.Write(StatusPanel.Render(status));

        Assert.Contains("strategy panda (2 free slots)", console.Output);
        Assert.Contains("time 00:42/10:00   trials 3/4   epochs 30   generation 1   best accuracy 0.9556 (trial 1)", console.Output);
        Assert.Contains("learning_rate=0.02, optimizer=adam", console.Output);
        Assert.Contains("lr nudged", console.Output);
    }

    [Fact]
    public void A_failed_trial_stays_in_view_with_its_reason_after_it_has_left()
    {
        var status = SampleResults.Status(StudyPhase.Running) with
        {
            TrialsFailed = 1,
            RecentFailures = [new TrialFailure(4, 0, "bad.csv line 3, column 2 (b): 'x' is not a number")],
        };
        using var console = new TestConsole();
        console.Profile.Width = 200;

        console.Write(StatusPanel.Render(status));

        Assert.Contains("failed 1", console.Output);
        Assert.Contains("failed   bad.csv line 3, column 2 (b): 'x' is not a number", console.Output);
    }

    [Fact]
    public void Progress_lines_print_each_failure_once_and_count_those_missed_between_polls()
    {
        using var console = new TestConsole();
        var failure = new TrialFailure(2, 1, "diverged in round 1 (validation loss NaN)");
        var statuses = new[]
        {
            SampleResults.Status(StudyPhase.Running) with { TrialsFailed = 1, RecentFailures = [failure] },
            SampleResults.Status(StudyPhase.Running) with { TrialsFailed = 1, RecentFailures = [failure] },
            SampleResults.Status(StudyPhase.Running) with { TrialsFailed = 9, RecentFailures = [failure, failure with { Trial = 11 }] },
        };

        new ProgressLinesView(console).ShowWhile(show => { foreach (var s in statuses) show(s); return Task.FromResult(0); });

        var lines = console.Output.Split('\n');
        Assert.Single(lines, l => l.EndsWith("trial 2 failed in round 1: diverged in round 1 (validation loss NaN)"));
        Assert.Single(lines, l => l.EndsWith("trial 11 failed in round 1: diverged in round 1 (validation loss NaN)"));
        Assert.Single(lines, l => l.EndsWith("7 more trial(s) failed; results.csv says why"));
    }
}
