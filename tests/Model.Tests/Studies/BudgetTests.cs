using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class BudgetTests
{
    private static string Spec(string strategy, string budget, string retest = "{ every_trials: 4, leaders: 2, repeats: 2 }") => $$"""
        data: { path: data.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
        strategy: {{strategy}}
        budget: {{budget}}
        {{(strategy == "panda" ? "generation_size: 3" : "population: { size: 5 }")}}
        stopping: none
        retest: {{retest}}
        seed: 4
        """;

    private static StudyEngine Run(string spec, string strategy) =>
        new StudySimulator(new StudyEngine(StudySimulator.Spec(spec), Enum.Parse<StudyStrategy>(strategy, ignoreCase: true)), StudySimulator.PeakedObjective).Run();

    [Theory]
    [InlineData("caviar", 37)]
    [InlineData("caviar", 100)]
    [InlineData("panda", 37)]
    [InlineData("panda", 100)]
    public void Total_epochs_caps_everything_trained_re_tests_included(string strategy, int total)
    {
        var engine = Run(Spec(strategy, $"{{ total_epochs: {total}, epochs_per_round: 2, max_epochs_per_trial: 8 }}", "{ every_trials: 4, leaders: 2, repeats: 1, max_share: 0.5 }"), strategy);

        Assert.True(engine.IsFinished);
        Assert.InRange(engine.EpochsUsed, total - 2 * 5, total);
        Assert.Equal(engine.EpochsUsed, engine.Trials.Sum(t => t.AllRounds.Count * 2));
        if (total >= 100) Assert.Contains(engine.Trials, t => t.Kind == TrialKind.Retest);
    }

    [Theory]
    [InlineData("caviar")]
    [InlineData("panda")]
    public void The_trial_budget_counts_re_tests(string strategy)
    {
        var engine = Run(Spec(strategy, "{ trials: 12, max_epochs_per_trial: 2 }", "{ every_trials: 4, leaders: 1, repeats: 1, max_share: 0.5 }"), strategy);

        Assert.Equal(12, engine.TrialsLaunched);
        Assert.Contains(engine.Trials, t => t.Kind == TrialKind.Retest);
        Assert.Equal("trial budget spent", engine.FinishReason);
    }

    [Theory]
    [InlineData("caviar")]
    [InlineData("panda")]
    public void Re_tests_take_at_most_their_share_of_the_budget(string strategy)
    {
        var engine = Run(Spec(strategy, "{ total_epochs: 200, max_epochs_per_trial: 4 }", "{ every_trials: 2, leaders: 3, repeats: 2 }"), strategy);

        Assert.Equal(0.15, engine.Spec.Retest.MaxShare);
        Assert.Contains(engine.Trials, t => t.Kind == TrialKind.Retest);
        Assert.InRange(engine.RetestEpochs, 1, 0.15 * 200);
        Assert.Equal(engine.RetestEpochs, engine.Trials.Where(t => t.Kind == TrialKind.Retest).Sum(t => t.Rounds.Count));
    }
}
