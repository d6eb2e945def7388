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
}
