using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Tests.Specs;

public class StudySpecParserTests
{
    private const string Minimal = """
        data:
          path: digits.csv
        space:
          learning_rate: { min: 1.0e-4, max: 1.0e-1 }
        budget:
          trials: 10
        """;

    [Fact]
    public void Defaults_fill_in_what_a_minimal_spec_leaves_out()
    {
        var spec = StudySpecParser.Parse(Minimal, "my-study.yaml");

        Assert.Equal("my-study", spec.Name);
        Assert.Equal(new DataSpec("digits.csv", null, 0.2, TestFraction: 0.2), spec.Data);
        Assert.Empty(spec.Fixed);
        Assert.Equal(StudyStrategy.Auto, spec.Strategy);
        Assert.Equal(new BudgetSpec(Trials: 10, EpochsPerRound: 1, MaxEpochsPerTrial: 20), spec.Budget);
        Assert.Equal(ObjectiveMetric.Accuracy, spec.Objective.Metric);
        Assert.Equal(new StoppingSpec(StoppingKind.Asha, GraceRounds: 0, ReductionFactor: 2), spec.Stopping);
        Assert.Equal(new PopulationSpec(8, 2, 0.2, 0.25), spec.Population);
        Assert.Equal(8, spec.GenerationSize);
        Assert.Equal(new RetestSpec(Enabled: true, EveryTrials: 8, EveryRounds: null, Leaders: 3, Repeats: 2, MaxShare: 0.15), spec.Retest);
        Assert.Equal(0, spec.Seed);
        Assert.Equal(new SamplerSpec(SamplerKind.Tpe, 3), spec.Sampler);
    }

    [Fact]
    public void Scales_default_from_the_hyperparameter_registry()
    {
        var spec = StudySpecParser.Parse("""
            data: { path: digits.csv }
            budget: { trials: 10 }
            space:
              learning_rate: { min: 1.0e-4, max: 1.0e-1 }
              beta2: { min: 0.99, max: 0.9999 }
              hidden_units: { min: 32, max: 256 }
              layers: { min: 1, max: 3 }
              learning_rate_decay: { min: 0, max: 0.5 }
              optimizer: [sgd, adam]
            """, "s.yaml");

        Assert.Equal(
            [
                Dimension.Log("learning_rate", 1e-4, 1e-1),
                Dimension.OneMinusLog("beta2", 0.99, 0.9999),
                Dimension.IntLog("hidden_units", 32, 256),
                Dimension.Int("layers", 1, 3),
                Dimension.Linear("learning_rate_decay", 0, 0.5),
                Dimension.Categorical("optimizer", "sgd", "adam"),
            ],
            spec.Space.Dimensions);
    }

    [Fact]
    public void An_explicit_scale_is_honoured()
    {
        var spec = StudySpecParser.Parse("""
            data: { path: digits.csv }
            budget: { trials: 10 }
            space:
              learning_rate: { min: 0.001, max: 0.01, scale: linear }
              hidden_units: { min: 32, max: 256, scale: int }
              batch_size: { choices: [32, 64], scale: categorical }
            """, "s.yaml");

        Assert.Equal(
            [Dimension.Linear("learning_rate", 0.001, 0.01), Dimension.Int("hidden_units", 32, 256), Dimension.Categorical("batch_size", "32", "64")],
            spec.Space.Dimensions);
    }

    [Fact]
    public void Fixed_values_are_numbers_or_choices_by_hyperparameter()
    {
        var spec = StudySpecParser.Parse(Minimal + "\nfixed: { optimizer: momentum, momentum: 0.95, layers: 3 }", "s.yaml");

        Assert.Equal((ParameterValue)"momentum", spec.Fixed["optimizer"]);
        Assert.Equal((ParameterValue)0.95, spec.Fixed["momentum"]);
        Assert.Equal((ParameterValue)3.0, spec.Fixed["layers"]);
    }

    [Fact]
    public void Every_section_reads_its_options()
    {
        var spec = StudySpecParser.Parse(Minimal.Replace("trials: 10", "trials: 10\n  total_epochs: 300\n  wall_time: 1h30m\n  epochs_per_round: 3\n  max_epochs_per_trial: 12") + """

            name: full
            seed: 7
            strategy: caviar
            objective: loss
            stopping: { kind: asha, grace_rounds: 1, reduction_factor: 4 }
            population: { size: 6, ready_every_rounds: 3, quantile: 0.25, resample_probability: 0.5 }
            generation_size: 12
            retest: { every_rounds: 5, leaders: 2, repeats: 4 }
            sampler: { kind: grid, points: 5 }
            """, "s.yaml");

        Assert.Equal("full", spec.Name);
        Assert.Equal(7, spec.Seed);
        Assert.Equal(StudyStrategy.Caviar, spec.Strategy);
        Assert.Equal(new BudgetSpec(10, 300, TimeSpan.FromMinutes(90), 3, 12), spec.Budget);
        Assert.False(spec.Objective.Maximize);
        Assert.Equal(new StoppingSpec(StoppingKind.Asha, 1, 4), spec.Stopping);
        Assert.Equal(new PopulationSpec(6, 3, 0.25, 0.5), spec.Population);
        Assert.Equal(12, spec.GenerationSize);
        Assert.Equal(new RetestSpec(true, null, 5, 2, 4), spec.Retest);
        Assert.Equal(new SamplerSpec(SamplerKind.Grid, 5), spec.Sampler);
    }

    [Theory]
    [InlineData("sampler: tpe", SamplerKind.Tpe, null)]
    [InlineData("sampler: { kind: tpe, startup_trials: 5 }", SamplerKind.Tpe, 5)]
    [InlineData("sampler: gp", SamplerKind.GaussianProcess, null)]
    [InlineData("sampler: { kind: gp, startup_trials: 3 }", SamplerKind.GaussianProcess, 3)]
    [InlineData("sampler: cma-es", SamplerKind.CmaEs, null)]
    public void A_model_based_sampler_is_named_with_its_options_and_survives_the_round_trip(string yaml, SamplerKind kind, int? startup)
    {
        var spec = StudySpecParser.Parse($$"""
            data: { path: d.csv }
            space: { learning_rate: { min: 1.0e-4, max: 1.0 } }
            budget: { trials: 10 }
            {{yaml}}
            """, "s.yaml");

        Assert.Equal(new SamplerSpec(kind, StartupTrials: startup), spec.Sampler);
        Assert.StartsWith(spec.Sampler.Name, yaml.Replace("sampler: { kind: ", "sampler: ")["sampler: ".Length..]);
        Assert.Equal(spec, StudySpecParser.Parse(spec.ToNormalizedText(), "again"));
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("1h", 3600)]
    [InlineData("1.5h", 5400)]
    [InlineData("1h 30m 15s", 5415)]
    public void Wall_time_reads_hours_minutes_and_seconds(string text, int seconds)
    {
        var spec = StudySpecParser.Parse(Minimal.Replace("trials: 10", $"wall_time: {text}"), "s.yaml");

        Assert.Equal(TimeSpan.FromSeconds(seconds), spec.Budget.WallTime);
    }

    [Theory]
    [InlineData("accuracy", 0.9, 0.3, 0.9)]
    [InlineData("loss", 0.9, 0.3, -0.3)]
    public void The_objective_scores_higher_for_better(string objective, double accuracy, double loss, double score)
    {
        var spec = StudySpecParser.Parse(Minimal + $"\nobjective: {objective}", "s.yaml");

        Assert.Equal(score, spec.Objective.Score(accuracy, loss));
    }

    [Fact]
    public void Json_and_yaml_forms_give_equal_specs()
    {
        var yaml = StudySpecParser.Parse("""
            name: same
            data: { path: digits.csv, validation_fraction: 0.25 }
            space:
              learning_rate: { min: 1.0e-4, max: 1.0e-1 }
              batch_size: [32, 64]
            fixed: { optimizer: adam, layers: 2 }
            budget: { trials: 10, wall_time: 5m }
            stopping: asha
            """, "same.yaml");
        var json = StudySpecParser.Parse("""
            {
              "name": "same",
              "data": { "path": "digits.csv", "validation_fraction": 0.25 },
              "space": {
                "learning_rate": { "min": 1e-4, "max": 1e-1 },
                "batch_size": { "choices": [32, 64] }
              },
              "fixed": { "optimizer": "adam", "layers": 2 },
              "budget": { "trials": 10, "wall_time": "5m" },
              "stopping": { "kind": "asha" }
            }
            """, "same.json");

        Assert.Equal(yaml, json);
    }

    [Theory]
    [InlineData("stopping: median", StoppingKind.Median, 2)]
    [InlineData("stopping: { kind: median }", StoppingKind.Median, 2)]
    [InlineData("stopping: asha", StoppingKind.Asha, 0)]
    [InlineData("stopping: { kind: none }", StoppingKind.None, 0)]
    public void A_named_stopping_kind_without_a_grace_period_gets_that_kinds_own(string stopping, StoppingKind kind, int grace)
    {
        var spec = StudySpecParser.Parse(Minimal + "\n" + stopping, "s.yaml");
        Assert.Equal(new StoppingSpec(kind, grace, 2), spec.Stopping);
    }

    [Fact]
    public void The_format_follows_the_content_when_the_name_has_no_extension()
    {
        var spec = StudySpecParser.Parse("""{ "data": { "path": "d.csv" }, "space": { "layers": { "min": 1, "max": 3 } }, "budget": { "trials": 2 } }""", "inline");

        Assert.Equal("inline", spec.Name);
    }

    [Fact]
    public void Load_resolves_data_paths_against_the_spec_folder()
    {
        using var folder = new TempDirectory();
        folder.File("digits.csv", "a,label\n1,0\n");
        Directory.CreateDirectory(Path.Combine(folder.FullPath, "specs"));
        var path = folder.File(Path.Combine("specs", "study.yaml"), Minimal.Replace("path: digits.csv", "path: ../digits.csv"));

        var spec = StudySpecParser.Load(path);

        Assert.Equal(Path.Combine(folder.FullPath, "digits.csv"), spec.Data.Path);
        Assert.Equal("study", spec.Name);
    }

    [Fact]
    public void Normalized_text_parses_back_to_an_equal_spec_without_the_file_system()
    {
        var spec = StudySpecParser.Load(Examples.Path("digits.yaml"));

        var text = spec.ToNormalizedText();
        var again = StudySpecParser.Parse(text, "from-a-grain");

        Assert.Equal(spec, again);
        Assert.True(Path.IsPathRooted(again.Data.Path));
        Assert.Equal(text, again.ToNormalizedText());
    }

    [Fact]
    public void Normalized_text_keeps_every_option_of_a_full_spec()
    {
        var spec = StudySpecParser.Parse("""
            name: full
            seed: 3
            data: { path: /data/t10k-images-idx3-ubyte.gz, labels_path: /data/t10k-labels-idx1-ubyte.gz, validation_fraction: 0.1 }
            space:
              learning_rate: { min: 1.0e-4, max: 0.3 }
              beta2: { min: 0.99, max: 0.9999 }
              hidden_units: { min: 16, max: 1000 }
              optimizer: [rmsprop, adam]
              batch_size: [16, 128]
              learning_rate_decay: { min: 0, max: 0.9 }
            fixed: { decay_schedule: exponential, epsilon: 1.0e-7, layers: 2 }
            strategy: caviar
            objective: loss
            budget: { total_epochs: 99, wall_time: 1h1s, epochs_per_round: 3, max_epochs_per_trial: 9 }
            stopping: { kind: none }
            population: { size: 5, quantile: 0.1 }
            generation_size: 10
            retest: { every_rounds: 6, leaders: 2, repeats: 3, every: 90s, max_share: 0.2 }
            sampler: { kind: grid, points: 4 }
            """, "full.yaml");

        Assert.Equal(spec, StudySpecParser.Parse(spec.ToNormalizedText(), "again"));
    }

    [Fact]
    public void A_panda_spec_keeps_its_population_size_as_its_generation_size_and_writes_no_population()
    {
        var spec = StudySpecParser.Parse("""
            data: { path: digits.csv }
            space: { learning_rate: { min: 1.0e-4, max: 1.0e-1 } }
            budget: { trials: 12 }
            strategy: panda
            population: { size: 6 }
            """, "panda.yaml");

        var text = spec.ToNormalizedText();

        Assert.Equal(6, spec.GenerationSize);
        Assert.DoesNotContain("population", text);
        Assert.Equal(spec, StudySpecParser.Parse(text, "again"));
    }

    [Theory]
    [InlineData("digits.yaml")]
    [InlineData("digits.json")]
    [InlineData("iris.yaml")]
    [InlineData("letter.yaml")]
    [InlineData("fashion-mnist.yaml")]
    public void Every_example_parses(string file)
    {
        var spec = StudySpecParser.Load(Examples.Path(file));

        Assert.True(File.Exists(spec.Data.Path));
        Assert.True(spec.Data.LabelsPath is null || File.Exists(spec.Data.LabelsPath));
    }

    [Theory]
    [InlineData("branin.yaml")]
    [InlineData("branin-warm.yaml")]
    [InlineData("zdt1.yaml")]
    public void Every_synthetic_example_parses(string file)
    {
        var spec = StudySpecParser.Load(Examples.Path(file));

        Assert.NotNull(spec.Data.Synthetic);
    }

    [Fact]
    public void Every_example_is_tested()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(Examples.Path("digits.yaml"))!)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .Order();

        Assert.Equal(["branin-warm.yaml", "branin.yaml", "digits.json", "digits.yaml", "fashion-mnist.yaml", "iris.yaml", "letter.yaml", "zdt1.yaml"], files);
    }

    private static class Examples
    {
        // The examples folder sits beside data/ at the repository root.
        public static string Path(string file) =>
            System.IO.Path.GetFullPath(System.IO.Path.Combine(TestData.Path("digits.csv"), "..", "..", "examples", file));
    }
}
