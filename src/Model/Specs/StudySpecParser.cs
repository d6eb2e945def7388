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
            var population = PopulationReader.Read(root.Map("population"), strategy, root.Keys.Contains("generation_size"));
            // By default a caviar generation is one population; pandas follow the same count.
            var generationSize = root.Int("generation_size", min: 1) ?? population.Size;
            // Nothing in a population acts on pandas once the generation size is known: kept at its defaults, so a spec
            // written out without it reads back equal.
            if (strategy == StudyStrategy.Panda) population = new PopulationSpec();
            var retest = RetestReader.Read(root.Map("retest"), synthetic is not null, Synthetics);
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
            var wallTime = budget.Duration("wall_time");
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
    }

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex NamePattern();
}
