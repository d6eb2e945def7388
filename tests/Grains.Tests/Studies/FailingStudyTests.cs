using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Studies;

/// <summary>Studies that cannot learn end failed with the reason a user can act on; a trial's failure is recorded, not lost in a log.</summary>
[Collection(ClusterCollection.Name)]
public class FailingStudyTests(ClusterFixture fixture)
{
    private const string Spec = """
        data: { path: iris.csv, validation_fraction: 0.3 }
        space: { learning_rate: { min: 1.0e-3, max: 1.0e-1 } }
        fixed: { layers: 1 }
        strategy: {strategy}
        budget: { trials: 6, epochs_per_round: 1, max_epochs_per_trial: 2 }
        {population}generation_size: 3
        stopping: none
        retest: { enabled: false }
        seed: 2
        """;

    // A panda's population size would only repeat generation_size, which the parser rejects.
    private static string SpecFor(string strategy) => Spec.Replace("{strategy}", strategy)
        .Replace("{population}", strategy == "caviar" ? "population: { size: 3 }\n" : "");

    [Theory]
    [InlineData("caviar")]
    [InlineData("panda")]
    public async Task A_study_whose_every_trial_throws_ends_failed_with_the_first_reason(string strategy)
    {
        var id = $"failing-{strategy}";
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, id, SpecFor(strategy));

        Assert.Equal(StudyPhase.Failed, final.Phase);
        Assert.Contains("disk read error under trial", final.Message);
        Assert.Null(final.Best);
        // The first generation failing whole is enough evidence: the rest of the budget is not burnt on it.
        Assert.Equal(3, final.TrialsLaunched);
        var results = await study.GetResults();
        Assert.Equal([0, 1, 2], results.Failures.Select(f => f.Trial).Order());
        Assert.All(results.Failures, f => Assert.Equal($"disk read error under trial {f.Trial}", f.Reason));
        // Each failed trial has a row saying why, though it never reported a round.
        Assert.All(results.Rows, r => Assert.Equal($"disk read error under trial {r.Trial}", r.Failure));
        var trial = await fixture.Grains.GetGrain<ITrialGrain>(TrialKeys.Of(id, 0)).GetStatus();
        Assert.Equal(TrialState.Failed, trial.State);
        Assert.Equal("disk read error under trial 0", trial.Note);
    }

    [Fact]
    public async Task A_diverging_configuration_is_stopped_and_marked_while_the_others_find_a_real_best()
    {
        // Plain gradient descent at α up to 10²⁵: some of these networks blow up in their first round.
        var yaml = SpecFor("caviar")
            .Replace("learning_rate: { min: 1.0e-3, max: 1.0e-1 }", "learning_rate: { min: 1.0e-3, max: 1.0e+25 }")
            .Replace("fixed: { layers: 1 }", "fixed: { layers: 1, optimizer: sgd }")
            .Replace("seed: 2", "seed: 1");
        var (study, final, _) = await StudyRunner.Run(fixture.Grains, "diverging-caviar", yaml);

        Assert.Equal(StudyPhase.Completed, final.Phase);
        var results = await study.GetResults();
        Assert.NotEmpty(results.Failures);
        Assert.All(results.Failures, f => Assert.StartsWith("diverged in round", f.Reason));
        Assert.NotNull(final.Best);
        Assert.True(double.IsFinite(final.Best.Score) && final.Best.Score > 0.5, $"best score {final.Best.Score}");
        Assert.DoesNotContain(final.Best.Trial, results.Failures.Select(f => f.Trial));
        Assert.All(results.Rows.Where(r => r.Failure is not null), r => Assert.True(double.IsNaN(r.Score)));
    }
}
