using Orleans.Tuning.Client.Tests.Results;
using Orleans.Tuning.Client.Watching;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console.Testing;

namespace Orleans.Tuning.Client.Tests.Watching;

public class StatusPanelTests
{
    private static string Render(StudyStatus status, int width)
    {
        using var console = new TestConsole();
        console.Profile.Width = width;
        console.Write(StatusPanel.Render(status));
        return console.Output;
    }

    [Fact]
    public void The_live_view_fits_an_80_column_terminal()
    {
        var output = Render(LiveSample.Status(), 80);

        var lines = output.Split('\n');
        Assert.All(lines, line => Assert.True(line.TrimEnd().Length <= 80, $"{line.TrimEnd().Length} columns: {line}"));
        // Nothing was cut to fit: the long reason and the long note are there, wrapped.
        var text = string.Join(" ", lines.Select(l => l.Trim()));
        Assert.Contains("raised by", text);
        Assert.Contains("exploit from", text);
    }

    [Fact]
    public void The_live_view_shows_the_budget_the_region_the_leaders_and_the_running_trials()
    {
        var output = Render(LiveSample.Status(), 120);

        Assert.Contains("strategy caviar (8 free training slots", output);
        Assert.Matches(@"trials\s+━+\s+3/4", output);
        Assert.Matches(@"time\s+━+\s+00:42/10:00", output);
        Assert.Matches(@"epochs\s+30\b", output); // no epoch budget: a count, no bar
        Assert.Contains("best accuracy 0.9556 (trial 1)", output);
        // The region on each dimension's own scale: u 0.25–0.75 of 1e-4..1e-1 is 10^-3.25..10^-1.75; a categorical by name.
        Assert.Matches(@"learning_rate\s+━+\s+5.62e-4 – 1.78e-2", output);
        Assert.Matches(@"optimizer\s+━+\s+adam – momentum", output);
        Assert.Contains("learning_rate=1.09e-3 beta1=0.99912 hidden_units=128 optimizer=rmsprop", output);
        Assert.Matches(@"1\s+1\s+0\.97\s+0\.004\s+3", output); // the leader: rank, trial, mean, spread, runs
        Assert.Matches(@"5\s+5\s+0\.93\s+-\s+1", output);      // a single run has no spread yet
        Assert.Matches(@"11\s+3\s+0\.9333\s+0\.2\s+training\s+retest of 1: learning_rate=1\.09e-3", output);
        Assert.Contains($"… {11 - RunningTrials.MaxRows} more", output);
    }

    [Fact]
    public void A_failed_trial_stays_in_view_with_its_reason_after_it_has_left()
    {
        var status = SampleResults.Status(StudyPhase.Running) with
        {
            TrialsFailed = 1,
            RecentFailures = [new TrialFailure(4, 0, "bad.csv line 3, column 2 (b): 'x' is not a number")],
        };

        var output = Render(status, 200);

        Assert.Contains("failed 1", output);
        Assert.Matches(@"4\s+0\s+-\s+-\s+failed\s+bad\.csv line 3, column 2 \(b\): 'x' is not a number", output);
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
