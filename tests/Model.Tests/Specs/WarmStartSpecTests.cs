using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Tests.Specs;

/// <summary>warm_start: a results folder of an earlier study, a study of the cluster, or the trials inline (the normalized form).</summary>
public class WarmStartSpecTests
{
    // What tune run writes: one row per trial and round; trial 1 ran two rounds, trial 3 was a re-test.
    private const string ResultsCsv = """
        trial,kind,retest_of,generation,round,epochs,train_loss,validation_loss,validation_accuracy,learning_rate,score,decision,failure,hp_learning_rate,hp_optimizer
        0,trial,,0,1,2,0.9,0.8,0.70,0.01,0.70,stop: done,,0.01,adam
        1,trial,,0,1,2,0.9,0.7,0.75,0.001,0.75,continue,,0.001,sgd
        1,trial,,0,2,4,0.5,0.4,0.90,0.001,0.90,stop: done,,0.001,sgd
        2,trial,,0,1,2,NaN,NaN,0.1,0.5,NaN,stop: diverged,diverged in round 1,0.5,adam
        3,retest of 1,1,0,1,2,0.5,0.4,0.88,0.001,0.88,stop: done,,0.001,sgd
        4,trial,,0,1,2,0.9,0.6,0.80,0.2,0.80,stop: done,,0.2,adam
        """;

    private const string Base = "data: { path: digits.csv }\nbudget: { trials: 4 }\nsampler: gp\n";
    private const string Space = "space: { learning_rate: { min: 1.0e-4, max: 0.1 }, optimizer: [adam, sgd] }\n";

    private static StudySpec Load(TempDirectory dir, string yaml)
    {
        dir.File("digits.csv", "a,label\n1,0\n");
        Directory.CreateDirectory(Path.Combine(dir.FullPath, "earlier"));
        dir.File(Path.Combine("earlier", "results.csv"), ResultsCsv);
        return StudySpecParser.Load(dir.File("study.yaml", yaml));
    }

    [Fact]
    public void A_results_folder_gives_each_search_trials_last_round_scored_by_this_studys_objective()
    {
        using var dir = new TempDirectory();

        var spec = Load(dir, Base + Space + "warm_start: earlier\n");

        var w = spec.WarmStart!;
        Assert.Null(w.Study);
        // Trial 2 diverged and trial 4's rate 0.2 lies outside this space: both dropped; the re-test is not a search trial.
        Assert.Equal([0.70, 0.90], w.Trials.Select(t => t.Score));
        Assert.Equal(2, w.Dropped);
        Assert.Equal("sgd", w.Trials[1].Values["optimizer"].Choice);
        Assert.Equal(0.001, w.Trials[1].Values["learning_rate"].Number);
    }

    [Fact]
    public void A_subset_of_the_earlier_space_projects_its_trials_and_the_objective_rescored_as_loss()
    {
        using var dir = new TempDirectory();

        var spec = Load(dir, Base + "space: { learning_rate: { min: 1.0e-4, max: 0.3 } }\nobjective: loss\nwarm_start: earlier\n");

        Assert.Equal([-0.8, -0.4, -0.6], spec.WarmStart!.Trials.Select(t => t.Score));
        Assert.Equal(1, spec.WarmStart.Dropped);
    }

    [Fact]
    public void The_normalized_spec_carries_the_trials_themselves_and_parses_back_without_the_folder()
    {
        using var dir = new TempDirectory();
        var spec = Load(dir, Base + Space + "warm_start: earlier\n");

        var again = StudySpecParser.Parse(spec.ToNormalizedText(), "again");

        Assert.Equal(spec, again);
    }

    [Fact]
    public void A_study_of_the_cluster_is_named_and_left_for_the_client_to_read()
    {
        var spec = StudySpecParser.Parse(Base + Space + "warm_start: { study: digits-20261125T1200Z }\n", "s.yaml");

        Assert.Equal("digits-20261125T1200Z", spec.WarmStart!.Study);
        Assert.Empty(spec.WarmStart.Trials);
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { Base + "space: { learning_rate: { min: 1.0e-4, max: 0.1 }, batch_size: [16, 32] }\nwarm_start: earlier\n", "warm_start",
            "the earlier study did not search batch_size (it searched learning_rate, optimizer)" },
        { Base + Space + "warm_start: nowhere\n", "warm_start", "folder not found" },
        { Base.Replace("sampler: gp", "sampler: halton") + Space + "warm_start: earlier\n", "warm_start", "applies only to the model-based samplers (tpe, gp, cma-es)" },
        { Base + Space + "warm_start: { study: x, source: y }\n", "warm_start.source", "not used with warm_start.study" },
        { Base + Space + "warm_start: { trials: [ { score: 0.5, learning_rate: 0.5, optimizer: adam } ] }\n", "warm_start.trials[0].learning_rate", "outside space.learning_rate" },
        { Base + Space + "warm_start: { trials: [ { learning_rate: 0.01, optimizer: adam } ] }\n", "warm_start.trials[0].score", "required" },
        { Base + Space + "warm_start: [earlier]\n", "warm_start", "expected a results folder, or a mapping with study" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Mistakes_are_reported_at_their_path(string yaml, string path, string fragment)
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<SpecException>(() => Load(dir, yaml));

        var error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.Contains(fragment, error.Message);
    }
}
