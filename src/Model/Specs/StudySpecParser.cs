using System.Text.RegularExpressions;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Reads a study spec from YAML or JSON and validates it, reporting every error with the path of its key.</summary>
public static partial class StudySpecParser
{
    /// <summary>Reads the spec file at <paramref name="path"/>; data paths are taken relative to its folder, made absolute, and must exist.</summary>
    public static StudySpec Load(string path)
    {
        var full = Path.GetFullPath(path);
        return Parse(File.ReadAllText(full), full, Path.GetDirectoryName(full));
    }

    /// <summary>
    /// Parses spec text. <paramref name="sourceName"/> names the spec in errors, picks the format by
    /// its extension (.json, .yaml, .yml; otherwise by content) and gives the default study name.
    /// With <paramref name="baseDirectory"/>, relative data paths resolve against it and the files
    /// must exist; without it, data paths are kept as written and not checked, so a grain can
    /// re-parse <see cref="StudySpec.ToNormalizedText"/> without a file system.
    /// </summary>
    /// <exception cref="SpecException">The spec is invalid; <see cref="SpecException.Errors"/> lists every problem.</exception>
    public static StudySpec Parse(string text, string sourceName, string? baseDirectory = null)
    {
        var errors = new List<SpecError>();
        var root = IsJson(text, sourceName) ? JsonTree.Read(text, errors) : YamlTree.Read(text, errors);
        if (errors.Count > 0)
            throw new SpecException(sourceName, errors);
        if (root is not SpecMap map)
        {
            var got = root is null ? "an empty document" : root.Describe();
            throw new SpecException(sourceName, [new SpecError("", $"expected a mapping of keys (data, space, budget, ...), got {got}")]);
        }

        var spec = new StudyReader(new SpecReader(map, "", errors), errors).Read(sourceName, baseDirectory);
        return errors.Count == 0 ? spec! : throw new SpecException(sourceName, errors);
    }

    private static bool IsJson(string text, string sourceName) =>
        Path.GetExtension(sourceName).ToLowerInvariant() switch
        {
            ".json" => true,
            ".yaml" or ".yml" => false,
            _ => text.TrimStart().StartsWith('{'),
        };

    /// <summary>Reads every top-level section; returns null when any error was recorded.</summary>
    private sealed class StudyReader(SpecReader root, List<SpecError> errors)
    {
        public StudySpec? Read(string sourceName, string? baseDirectory)
        {
            var name = Name(sourceName);
            var seed = root.Int("seed", min: 0) ?? 0;
            var data = Data(root.Map("data", required: true), baseDirectory);
            // A synthetic objective replaces training: its domain is the space, and a trial is one evaluation.
            var synthetic = data?.Synthetic is { } function ? Synthetic.SyntheticObjective.All[function] : null;
            var (space, @fixed) = synthetic is null ? new SpaceReader(errors).Read(root) : Synthetics.Space(root, synthetic);
            var strategy = root.OneOf("strategy", SpecNames.Strategies) ?? StudyStrategy.Auto;
            var budget = Budget(root.Map("budget", required: true), oneRound: synthetic is not null);
            var objective = new ObjectiveReader(errors).Read(root, synthetic);
            var stopping = Stopping(synthetic is not null);
            var population = Population(root.Map("population"), strategy, root.Keys.Contains("generation_size"));
            // By default a caviar generation is one population; pandas follow the same count.
            var generationSize = root.Int("generation_size", min: 1) ?? population.Size;
            // Nothing in a population acts on pandas once the generation size is known: kept at its defaults, so a spec
            // written out without it reads back equal.
            if (strategy == StudyStrategy.Panda) population = new PopulationSpec();
            var retest = Retest(root.Map("retest"), synthetic is not null);
            var sampler = Sampler(space);
            var warmStarts = new WarmStartReader(errors);
            var warmStart = warmStarts.Read(root, space, objective, baseDirectory);
            warmStarts.CheckSampler(root, warmStart, sampler, objective);
            root.Finish();
            return errors.Count > 0
                ? null
                : new StudySpec(name, data!, space!, @fixed, strategy, budget!, objective, stopping, population, generationSize, retest, seed, sampler, warmStart);
        }

        private string Name(string sourceName)
        {
            var name = root.Text("name") ?? Path.GetFileNameWithoutExtension(sourceName);
            // The name becomes part of grain ids ("{study}/{n}") and file names.
            if (!NamePattern().IsMatch(name))
                root.Error("name", $"may contain only letters, digits, '-', '_' and '.', got '{name}'");
            return name;
        }

        private SyntheticReader Synthetics => new(errors);

        private DataSpec? Data(SpecReader? data, string? baseDirectory)
        {
            if (data is null)
                return null;
            if (data.Keys.Contains("synthetic"))
                return Synthetics.Data(data);
            var path = Resolve(data, "path", data.Text("path", required: true), baseDirectory);
            var labels = Resolve(data, "labels_path", data.Text("labels_path"), baseDirectory);
            var fraction = data.Number("validation_fraction");
            if (fraction is not (null or (> 0 and < 1)))
                data.Error("validation_fraction", $"must lie strictly between 0 and 1, got {fraction}");
            var testPath = Resolve(data, "test_path", data.Text("test_path"), baseDirectory);
            var testLabels = Resolve(data, "test_labels_path", data.Text("test_labels_path"), baseDirectory);
            var testFraction = data.Number("test_fraction");
            if (testFraction is not (null or (>= 0 and < 1)))
                data.Error("test_fraction", $"must lie in [0, 1), got {testFraction}");
            if (testFraction is not null && testPath is not null)
                data.Error("test_fraction", "give test_fraction or test_path, not both: a test file is the test part");
            if (testLabels is not null && testPath is null)
                data.Error("test_labels_path", "applies only with test_path");
            if (testPath is not null)
            {
                var testCsv = testPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
                if (testCsv && testLabels is not null)
                    data.Error("test_labels_path", "a CSV test file carries its labels in its 'label' column; remove test_labels_path");
                if (!testCsv && testLabels is null)
                    data.Error("test_labels_path", "required: data.test_path is not a .csv file, so it is read as IDX images, which need an IDX labels file");
            }
            if (path is not null)
            {
                var csv = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);
                if (csv && labels is not null)
                    data.Error("labels_path", "a CSV file carries its labels in its 'label' column; remove labels_path");
                if (!csv && labels is null && !data.Keys.Contains("labels_path"))
                    data.Error("labels_path", "required: data.path is not a .csv file, so it is read as IDX images, which need an IDX labels file");
            }
            data.Finish();
            return path is null ? null : new DataSpec(path, labels, fraction ?? 0.2, testPath is null ? testFraction ?? 0.2 : 0, testPath, testLabels);
        }

        private static string? Resolve(SpecReader data, string key, string? path, string? baseDirectory)
        {
            if (path is null || baseDirectory is null)
                return path;
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, path));
            if (System.IO.Directory.Exists(full))
                data.Error(key, $"is a folder, not a file: {full}");
            else if (!System.IO.File.Exists(full))
                data.Error(key, $"file not found: {full}");
            return full;
        }

        // oneRound: a synthetic study, whose trials are one evaluation each.
        private BudgetSpec? Budget(SpecReader? budget, bool oneRound)
        {
            if (budget is null)
                return null;
            var trials = budget.Int("trials", min: 1);
            var totalEpochs = budget.Int("total_epochs", min: 1);
            var wallTime = Duration(budget, "wall_time");
            var givenPerRound = budget.Int("epochs_per_round", min: 1);
            var givenPerTrial = budget.Int("max_epochs_per_trial", min: 1);
            if (oneRound)
                Synthetics.CheckOneRound(budget, givenPerRound, givenPerTrial);
            var perRound = givenPerRound ?? 1;
            var perTrial = givenPerTrial ?? (oneRound ? 1 : 20);
            string[] limits = ["trials", "total_epochs", "wall_time"];
            if (!limits.Any(budget.Keys.Contains))
                errors.Add(new SpecError(budget.Path, "needs at least one of trials, total_epochs, wall_time"));
            if (perRound > perTrial)
                budget.Error("epochs_per_round", $"must be <= max_epochs_per_trial ({perTrial}), got {perRound}");
            budget.Finish();
            return new BudgetSpec(trials, totalEpochs, wallTime, perRound, perTrial);
        }

        private static TimeSpan? Duration(SpecReader section, string key)
        {
            var text = section.Text(key);
            if (text is null)
                return null;
            var duration = Durations.Parse(text);
            if (duration is null)
                section.Error(key, $"expected a duration such as 90s, 10m or 1h30m, got '{text}'");
            else if (duration <= TimeSpan.Zero)
                section.Error(key, $"must be at least 1s, got '{text}'");
            return duration;
        }

        private StoppingSpec Stopping(bool synthetic)
        {
            var (kind, options) = KindAndOptions("stopping", SpecNames.Stoppings);
            if (synthetic)
                Synthetics.CheckStopping(root, kind);
            var defaults = new StoppingSpec();
            kind ??= synthetic ? StoppingKind.None : defaults.Kind;
            if (options is null)
                return new StoppingSpec(kind.Value, StoppingSpec.DefaultGraceRounds(kind.Value), defaults.ReductionFactor);
            var grace = options.Int("grace_rounds", min: 0);
            var reduction = options.Int("reduction_factor", min: 2);
            if (grace is not null && kind == StoppingKind.None)
                options.Error("grace_rounds", "applies only to median and asha stopping");
            if (reduction is not null && kind != StoppingKind.Asha)
                options.Error("reduction_factor", "applies only to asha stopping");
            options.Finish();
            return new StoppingSpec(kind.Value, grace ?? StoppingSpec.DefaultGraceRounds(kind.Value), reduction ?? defaults.ReductionFactor);
        }

        private SamplerSpec Sampler(Search.SearchSpace? space)
        {
            var (kind, options) = KindAndOptions("sampler", SpecNames.Samplers);
            var defaults = new SamplerSpec();
            kind ??= defaults.Kind;
            int? points = null, startup = null;
            if (options is not null)
            {
                points = options.Int("points", min: 1);
                if (points is not null && kind != SamplerKind.Grid)
                    options.Error("points", "applies only to the grid sampler");
                startup = options.Int("startup_trials", min: 1);
                if (startup is not null && kind is not (SamplerKind.Tpe or SamplerKind.GaussianProcess))
                    options.Error("startup_trials", "applies only to the tpe and gp samplers");
                options.Finish();
            }
            // CMA-ES moves a normal distribution through a space with an order; a choice has none.
            var categorical = space?.Dimensions.FirstOrDefault(d => d.Scale is Search.CategoricalScale);
            if (kind == SamplerKind.CmaEs && categorical is not null)
                errors.Add(new SpecError(options is null ? root.PathOf("sampler") : options.PathOf("kind"),
                    $"cma-es searches continuous and integer dimensions; space.{categorical.Name} is categorical (use tpe or gp, or fix it)"));
            return new SamplerSpec(kind.Value, points ?? defaults.Points, startup);
        }

        // "stopping: asha" is short for "stopping: { kind: asha }".
        private (T? Kind, SpecReader? Options) KindAndOptions<T>(string key, IReadOnlyDictionary<string, T> names) where T : struct
        {
            switch (root.Node(key))
            {
                case SpecScalar:
                    return (root.OneOf(key, names), null);
                case SpecMap map:
                    var options = new SpecReader(map, root.PathOf(key), errors);
                    return (options.OneOf("kind", names), options);
                case { } other:
                    root.Wrong<T?>(key, $"one of {string.Join(", ", names.Keys)} or a mapping with kind", other);
                    return (null, null);
                default:
                    return (null, null);
            }
        }

        // A panda study trains one model at a time and nothing copies from anything: of a population, only its size
        // acts there, as the generation size when none is given. Auto is always caviar (StrategyChoice).
        private PopulationSpec Population(SpecReader? population, StudyStrategy strategy, bool generationSizeGiven)
        {
            var defaults = new PopulationSpec();
            if (population is null)
                return defaults;
            if (strategy == StudyStrategy.Panda)
            {
                foreach (var key in new[] { "ready_every_rounds", "quantile", "resample_probability" }.Where(population.Keys.Contains))
                    population.Error(key, "applies only to caviar: a panda study trains one model at a time and copies nothing; remove it, or set strategy: caviar");
                if (generationSizeGiven && population.Keys.Contains("size"))
                    population.Error("size", "does nothing here: under panda a population's size only stands in for generation_size, which is given");
            }
            var quantile = population.Number("quantile");
            if (quantile is not (null or (> 0 and <= 0.5)))
                population.Error("quantile", $"must lie in (0, 0.5], got {quantile}");
            var resample = population.Number("resample_probability");
            if (resample is not (null or (>= 0 and <= 1)))
                population.Error("resample_probability", $"must lie in [0, 1], got {resample}");
            var spec = new PopulationSpec(
                population.Int("size", min: 2) ?? defaults.Size,
                population.Int("ready_every_rounds", min: 1) ?? defaults.ReadyEveryRounds,
                quantile ?? defaults.Quantile,
                resample ?? defaults.ResampleProbability);
            population.Finish();
            return spec;
        }

        private static readonly string[] RetestOptions = ["every_trials", "every_rounds", "leaders", "repeats", "every", "max_share"];

        private RetestSpec Retest(SpecReader? retest, bool synthetic)
        {
            // Nothing to re-test when a trial's value is exact.
            var defaults = new RetestSpec(Enabled: !synthetic);
            if (retest is null)
                return defaults;
            var given = retest.Bool("enabled");
            if (synthetic)
                Synthetics.CheckRetest(retest, given);
            var enabled = given ?? defaults.Enabled;
            if (!enabled)
            {
                // Off, nothing else in the section acts: kept at its defaults, so a spec written out without them reads back equal.
                // Each option is read (so a misspelt one is still told which it may have meant), and any given is an error.
                foreach (var key in RetestOptions.Where(key => retest.Node(key) is not null))
                    retest.Error(key, synthetic
                        ? "does nothing: re-tests are off with data.synthetic (the function's value is exact)"
                        : "does nothing with enabled: false; remove it, or turn re-tests on");
                retest.Finish();
                return defaults with { Enabled = false };
            }
            var everyTrials = retest.Int("every_trials", min: 1);
            var everyRounds = retest.Int("every_rounds", min: 1);
            if (everyTrials is not null && everyRounds is not null)
                retest.Error("every_rounds", "give every_trials or every_rounds, not both");
            var share = retest.Number("max_share");
            if (share is not (null or (> 0 and <= 1)))
                retest.Error("max_share", $"must lie in (0, 1], got {share}");
            var spec = new RetestSpec(
                enabled,
                everyRounds is null ? everyTrials ?? defaults.EveryTrials : null,
                everyRounds,
                retest.Int("leaders", min: 1) ?? defaults.Leaders,
                retest.Int("repeats", min: 1) ?? defaults.Repeats,
                Duration(retest, "every"),
                share ?? defaults.MaxShare);
            retest.Finish();
            return spec;
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex NamePattern();
}
