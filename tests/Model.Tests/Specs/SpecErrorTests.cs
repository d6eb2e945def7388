using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Tests.Specs;

public class SpecErrorTests
{
    private const string Data = "data: { path: digits.csv }\n";
    private const string Space = "space: { learning_rate: { min: 1.0e-4, max: 1.0e-1 } }\n";
    private const string Budget = "budget: { trials: 4 }\n";
    private const string Valid = Data + Space + Budget;

    public static TheoryData<string, string, string> Corpus => new()
    {
        // type errors
        { Data + Space + "budget: { trials: ten }", "budget.trials", "expected an integer, got 'ten'" },
        { Data + Space + "budget: { trials: 2.5 }", "budget.trials", "expected an integer, got '2.5'" },
        { Valid + "seed: [1, 2]", "seed", "expected an integer, got a list" },
        { Data + Space + "budget: 10", "budget", "expected a mapping, got '10'" },
        { Valid + "retest: { enabled: maybe }", "retest.enabled", "expected true or false, got 'maybe'" },
        { Data + "space: { learning_rate: { min: low, max: 0.1 } }\n" + Budget, "space.learning_rate.min", "expected a number, got 'low'" },
        { Valid + "fixed: { optimizer: [adam] }", "fixed.optimizer", "expected a name, got a list" },
        // unknown keys and names, with suggestions
        { Data + Space + "budget: { trails: 4 }", "budget.trails", "unknown key (did you mean trials?)" },
        { Valid + "stoping: median", "stoping", "unknown key (did you mean stopping?)" },
        { Valid + "colour: blue", "colour", "unknown key (expected one of" },
        { Data + "space: { learnin_rate: { min: 1.0e-4, max: 0.1 } }\n" + Budget, "space.learnin_rate", "unknown hyperparameter (did you mean learning_rate?)" },
        { Valid + "fixed: { dropout: 0.5 }", "fixed.dropout", "unknown hyperparameter (expected one of learning_rate," },
        { Data + "space: { learning_rate: { min: 1.0e-4, max: 0.1, scael: log } }\n" + Budget, "space.learning_rate.scael", "unknown key (did you mean scale?)" },
        // missing required
        { Space + Budget, "data", "required" },
        { "data: { validation_fraction: 0.1 }\n" + Space + Budget, "data.path", "required" },
        { Data + Budget, "space", "required" },
        { Data + Space, "budget", "required" },
        { Data + Space + "budget: { epochs_per_round: 2 }", "budget", "needs at least one of trials, total_epochs, wall_time" },
        { Data + "space: { learning_rate: { min: 1.0e-4 } }\n" + Budget, "space.learning_rate.max", "required" },
        { Data + "space: { optimizer: { scale: categorical } }\n" + Budget, "space.optimizer.choices", "required" },
        { Data + "space: {}\n" + Budget, "space", "needs at least one hyperparameter" },
        // bounds from the scales, under the bound's own path
        { Data + "space: { learning_rate: { min: 0, max: 0.1 } }\n" + Budget, "space.learning_rate.min", "must be > 0 on a log scale" },
        { Data + "space: { learning_rate: { min: 0.1, max: 0.01 } }\n" + Budget, "space.learning_rate.min", "must be < max" },
        { Data + "space: { beta2: { min: 0.9, max: 1 } }\n" + Budget, "space.beta2", "bounds must lie in (0, 1) on a one-minus-log scale" },
        { Data + "space: { hidden_units: { min: 0, max: 64 } }\n" + Budget, "space.hidden_units.min", "must be >= 1 on an int-log scale" },
        { Data + "space: { layers: { min: 1.5, max: 3 } }\n" + Budget, "space.layers", "bounds must be integers" },
        { Data + "space: { optimizer: [adam, sgd, adam] }\n" + Budget, "space.optimizer.choices", "duplicate choice 'adam'" },
        // bounds from the hyperparameter's own range
        { Data + "space: { learning_rate: { min: -1, max: 1, scale: linear } }\n" + Budget, "space.learning_rate.min", "must be > 0, got -1" },
        { Data + "space: { batch_size: { min: 1, max: 64 } }\n" + Budget, "space.batch_size.min", "must be >= 2, got 1" },
        { Data + "space: { optimizer: [adam, adamw] }\n" + Budget, "space.optimizer[1]", "must be one of sgd, momentum, rmsprop, adam, got 'adamw' (did you mean adam?)" },
        { Valid + "fixed: { momentum: 1.2 }", "fixed.momentum", "must be < 1, got 1.2" },
        { Valid + "fixed: { layers: 1.5 }", "fixed.layers", "must be an integer, got 1.5" },
        // scales that do not fit the hyperparameter
        { Data + "space: { layers: { min: 1, max: 3, scale: log } }\n" + Budget, "space.layers.scale", "layers takes integers" },
        { Data + "space: { optimizer: { min: 1, max: 3, scale: linear } }\n" + Budget, "space.optimizer.scale", "optimizer is categorical" },
        { Data + "space: { learning_rate: { min: 1.0e-4, max: 0.1, scale: logarithmic } }\n" + Budget, "space.learning_rate.scale", "unknown value 'logarithmic'" },
        { Data + "space: { learning_rate: { min: 1.0e-4, max: 0.1, scale: log, choices: [0.1] } }\n" + Budget, "space.learning_rate.choices", "used only by a categorical scale" },
        { Data + "space: { layers: { choices: [1, 2], min: 1 } }\n" + Budget, "space.layers.min", "not used by a categorical scale" },
        { Data + "space: { learning_rate: 0.01 }\n" + Budget, "space.learning_rate", "put it under fixed" },
        { Data + "space:\n  layers:\n" + Budget, "space.layers", "expected a mapping with min and max, or a list of choices, got null" },
        { Valid + "fixed:\n  layers:\n", "fixed.layers", "expected a number, got null" },
        // searched and fixed at once
        { Valid + "fixed: { learning_rate: 0.01 }", "fixed.learning_rate", "also searched under space.learning_rate" },
        // names with the valid values
        { Valid + "strategy: pandas", "strategy", "unknown value 'pandas' (did you mean panda?)" },
        { Valid + "objective: f1", "objective", "unknown value 'f1' (expected one of accuracy, loss)" },
        { Valid + "stopping: hyperband", "stopping", "unknown value 'hyperband' (expected one of none, median, asha)" },
        { Valid + "stopping: { kind: median, reduction_factor: 3 }", "stopping.reduction_factor", "applies only to asha" },
        { Valid + "sampler: { kind: random, points: 3 }", "sampler.points", "applies only to the grid sampler" },
        { Valid + "sampler: { kind: halton, startup_trials: 5 }", "sampler.startup_trials", "applies only to the tpe and gp samplers" },
        { Valid + "sampler: { kind: tpe, startup_trials: 0 }", "sampler.startup_trials", "must be >= 1, got 0" },
        { Valid + "sampler: { kind: tpe, candidates: 48 }", "sampler.candidates", "unknown key" },
        { Data + "space: { learning_rate: { min: 1.0e-4, max: 1.0 }, optimizer: [sgd, adam] }\n" + Budget + "sampler: cma-es", "sampler", "space.optimizer is categorical" },
        { Valid + "sampler: { kind: cma-es, startup_trials: 4 }", "sampler.startup_trials", "applies only to the tpe and gp samplers" },
        { Valid + "sampler: tpw", "sampler", "unknown value 'tpw' (did you mean tpe?)" },
        // ranges of the study's own settings
        { "data: { path: digits.csv, validation_fraction: 1.5 }\n" + Space + Budget, "data.validation_fraction", "must lie strictly between 0 and 1" },
        { "data: { path: digits.csv, validation_fraction: 0 }\n" + Space + Budget, "data.validation_fraction", "must lie strictly between 0 and 1" },
        { Data + Space + "budget: { trials: 0 }", "budget.trials", "must be >= 1, got 0" },
        { Data + Space + "budget: { wall_time: ten minutes }", "budget.wall_time", "expected a duration such as 90s" },
        { Data + Space + "budget: { trials: 4, epochs_per_round: 30 }", "budget.epochs_per_round", "must be <= max_epochs_per_trial (20)" },
        { Valid + "population: { quantile: 0.7 }", "population.quantile", "must lie in (0, 0.5]" },
        { Valid + "strategy: panda\npopulation: { ready_every_rounds: 3 }", "population.ready_every_rounds", "applies only to caviar" },
        { Valid + "strategy: panda\npopulation: { quantile: 0.25 }", "population.quantile", "applies only to caviar" },
        { Valid + "strategy: panda\npopulation: { resample_probability: 0.5 }", "population.resample_probability", "applies only to caviar" },
        { Valid + "strategy: panda\npopulation: { size: 6 }\ngeneration_size: 4", "population.size", "does nothing here" },
        { Valid + "retest: { every_trials: 4, every_rounds: 2 }", "retest.every_rounds", "not both" },
        { Valid + "name: my/study", "name", "may contain only letters" },
        { Valid + "seed: 1\nseed: 2", "seed", "given more than once" },
        { "data: { path: images.idx }\n" + Space + Budget, "data.labels_path", "IDX images" },
        { "data: { path: digits.csv, labels_path: labels.idx }\n" + Space + Budget, "data.labels_path", "remove labels_path" },
        { "data: { path: digits.csv, test_fraction: 1 }\n" + Space + Budget, "data.test_fraction", "must lie in [0, 1)" },
        { "data: { path: digits.csv, test_fraction: 0.2, test_path: t.csv }\n" + Space + Budget, "data.test_fraction", "not both" },
        { "data: { path: digits.csv, test_path: t10k.idx }\n" + Space + Budget, "data.test_labels_path", "IDX images" },
        { "data: { path: digits.csv, test_labels_path: t.idx }\n" + Space + Budget, "data.test_labels_path", "applies only with test_path" },
        { Valid + "retest: { max_share: 0 }", "retest.max_share", "must lie in (0, 1]" },
        { Valid + "retest: { enabled: false, leaders: 3 }", "retest.leaders", "does nothing with enabled: false" },
        { Valid + "retest: { enabled: false, leeders: 3 }", "retest.leeders", "unknown key (did you mean leaders?)" },
        { Valid + "fixed: { decay_schedule: exponential, learning_rate_decay: 1 }", "fixed.learning_rate_decay", "must be < 1 with the exponential decay schedule" },
        // settings that no trial of the study would read
        { Valid + "fixed: { optimizer: adam, momentum: 0.8 }", "fixed.momentum", "does nothing: only the momentum optimizer reads it, and this study's optimizer is adam (fixed)" },
        { Data + "space: { learning_rate: { min: 1.0e-4, max: 1.0e-1 }, beta1: { min: 0.8, max: 0.99 } }\n" + Budget + "fixed: { optimizer: rmsprop }", "space.beta1", "only the adam optimizer reads it" },
        { Data + "space: { epsilon: { min: 1.0e-8, max: 1.0e-6 }, optimizer: [sgd, momentum] }\n" + Budget, "space.epsilon", "only the rmsprop and adam optimizers read it, and this study's optimizer is searched among sgd, momentum" },
        { Valid + "fixed: { momentum: 0.95 }", "fixed.momentum", "adam (the default; set optimizer to change it)" },
        { Valid + "fixed: { decay_schedule: none, learning_rate_decay: 0.1 }", "fixed.learning_rate_decay", "acts only under a decay schedule, and decay_schedule is none (fixed)" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Each_mistake_is_reported_at_its_path(string yaml, string path, string fragment)
    {
        var errors = Errors(yaml);

        var error = Assert.Single(errors, e => e.Path == path);
        Assert.Contains(fragment, error.Message);
    }

    [Fact]
    public void The_valid_base_of_the_corpus_parses()
    {
        StudySpecParser.Parse(Valid, "base.yaml");
    }

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var errors = Errors(
            "data: { path: digits.csv, validation_fraction: 2 }\n" +
            "space: { learning_rate: { min: 0, max: 0.1 } }\n" +
            "budget: { trails: 4 }\n");

        Assert.Equal(
            [
                "data.validation_fraction: must lie strictly between 0 and 1, got 2",
                "space.learning_rate.min: must be > 0 on a log scale",
                "budget: needs at least one of trials, total_epochs, wall_time",
                "budget.trails: unknown key (did you mean trials?)",
            ],
            errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Three_mistakes_give_three_errors()
    {
        var errors = Errors(Data + "space: { learning_rate: { min: 0, max: 0.1 } }\n" + "budget: { trials: ten }\nstrategy: pandas\n");

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void The_exception_message_lists_every_error_under_the_source_name()
    {
        var e = Assert.Throws<SpecException>(() => StudySpecParser.Parse(Data + Space + "budget: { trials: ten }\nstrategy: pandas\n", "study.yaml"));

        Assert.StartsWith("study.yaml: 2 errors", e.Message);
        Assert.Contains("  budget.trials: expected an integer, got 'ten'", e.Message);
    }

    [Fact]
    public void A_yaml_syntax_error_names_line_and_column()
    {
        var error = Assert.Single(Errors("data:\n  path: digits.csv\n budget: [1, 2\n"));

        Assert.Equal("", error.Path);
        Assert.Matches(@"^YAML syntax error at line \d+, column \d+: ", error.Message);
    }

    [Fact]
    public void A_json_syntax_error_names_line_and_column()
    {
        var e = Assert.Throws<SpecException>(() => StudySpecParser.Parse("{\n  \"data\": { \"path\": \"digits.csv\" },\n  \"budget\" { }\n}", "bad.json"));

        var error = Assert.Single(e.Errors);
        Assert.StartsWith("JSON syntax error at line 3, column 12", error.Message);
    }

    [Fact]
    public void Json_type_errors_use_the_same_paths()
    {
        var e = Assert.Throws<SpecException>(() => StudySpecParser.Parse(
            """{ "data": { "path": "digits.csv" }, "space": { "learning_rate": { "min": 0, "max": 0.1 } }, "budget": { "trials": "ten" } }""",
            "bad.json"));

        Assert.Equal(
            ["space.learning_rate.min: must be > 0 on a log scale", "budget.trials: expected an integer, got 'ten'"],
            e.Errors.Select(x => x.ToString()));
    }

    [Fact]
    public void An_empty_spec_is_one_error()
    {
        var error = Assert.Single(Errors(""));

        Assert.Contains("expected a mapping of keys", error.Message);
    }

    [Fact]
    public void Load_reports_a_missing_data_file_with_its_resolved_path()
    {
        using var folder = new TempDirectory();
        var spec = folder.File("study.yaml", "data: { path: missing.csv }\n" + Space + Budget);

        var e = Assert.Throws<SpecException>(() => StudySpecParser.Load(spec));

        var error = Assert.Single(e.Errors);
        Assert.Equal("data.path", error.Path);
        Assert.Equal($"file not found: {Path.Combine(folder.FullPath, "missing.csv")}", error.Message);
    }

    private static IReadOnlyList<SpecError> Errors(string yaml) =>
        Assert.Throws<SpecException>(() => StudySpecParser.Parse(yaml, "bad.yaml")).Errors;
}
