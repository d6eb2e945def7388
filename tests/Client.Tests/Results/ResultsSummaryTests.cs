using Orleans.Tuning.Client.Results;
using Spectre.Console.Testing;

namespace Orleans.Tuning.Client.Tests.Results;

/// <summary>The summary says what re-tests took against the cap that bounded them, in the budget's own terms.</summary>
public class ResultsSummaryTests
{
    [Fact]
    public void Under_an_epoch_budget_re_tests_are_a_share_of_it()
    {
        var output = Summary(SampleResults.Status(best: SampleResults.Best) with
        {
            EpochBudget = 200, TrialBudget = null, RetestEpochs = 24, RetestShareCap = 0.15, RetestEpochCap = 30,
        });

        Assert.Contains("(24 on re-tests: 12 % of the 200-epoch budget, cap 15 %)", output);
    }

    [Fact]
    public void Under_a_trial_budget_the_cap_is_a_share_of_the_epochs_its_trials_may_train()
    {
        // 20 trials of at most 12 epochs: the cap is 36 epochs, though screened search trials trained far fewer than 12 each.
        var output = Summary(SampleResults.Status(best: SampleResults.Best) with
        {
            EpochBudget = null, TrialBudget = 20, EpochsUsed = 152, RetestEpochs = 36, RetestShareCap = 0.15, RetestEpochCap = 36,
        });

        Assert.Contains("152 epochs (36 on re-tests, cap 36: 15 % of the 240 epochs 20 trials may train)", output);
    }

    [Fact]
    public void Under_a_wall_time_alone_the_cap_is_a_share_of_all_that_was_trained()
    {
        var output = Summary(SampleResults.Status(best: SampleResults.Best) with
        {
            EpochBudget = null, TrialBudget = null, RetestEpochs = 10, RetestShareCap = 0.15, RetestEpochCap = 12,
        });

        Assert.Contains("(10 on re-tests; cap 15 % of all epochs trained)", output);
    }

    private static string Summary(Grains.Studies.StudyStatus status)
    {
        var console = new TestConsole();
        ResultsSummary.Print(console, SampleResults.Results() with { Status = status }, []);
        return console.Output.ReplaceLineEndings(" ");
    }
}
