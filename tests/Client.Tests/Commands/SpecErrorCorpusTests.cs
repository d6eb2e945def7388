namespace Orleans.Tuning.Client.Tests.Commands;

/// <summary>Bad specs through the real command line: every error printed as <c>file: path: message</c>, exit code 2, and <c>run</c> starts nothing.</summary>
public class SpecErrorCorpusTests
{
    // {iris} becomes the shipped data file, {dir} the spec's own folder.
    private const string Data = "data: { path: {iris} }\n";
    private const string Space = "space: { learning_rate: { min: 1.0e-3, max: 0.1 } }\n";
    private const string Budget = "budget: { trials: 4 }\n";

    public static TheoryData<string, string, string[]> Corpus => new()
    {
        { "syntax.yaml", "data:\n  path: {iris}\n budget: [1, 2\n", ["syntax.yaml: YAML syntax error at line 3, column 2: While parsing a block mapping, did not find expected key."] },
        { "syntax.json", "{\n  \"data\": { \"path\": \"x.csv\" },\n  \"budget\" { }\n}\n", ["syntax.json: JSON syntax error at line 3, column 12: "] },
        { "unknown-key.yaml", Data + Space + "budget: { trials: 4, epocs_per_round: 2 }\n", ["unknown-key.yaml: budget.epocs_per_round: unknown key (did you mean epochs_per_round?)"] },
        { "wrong-type.yaml", Data + Space + "budget: { trials: four }\n", ["wrong-type.yaml: budget.trials: expected an integer, got 'four'"] },
        { "log-min.yaml", Data + "space: { learning_rate: { min: 0, max: 0.1 } }\n" + Budget, ["log-min.yaml: space.learning_rate.min: must be > 0 on a log scale"] },
        { "no-data.yaml", "data: { path: missing.csv }\n" + Space + Budget, ["no-data.yaml: data.path: file not found: {dir}/missing.csv"] },
        { "strategy.yaml", Data + Space + Budget + "strategy: caviars\n", ["strategy.yaml: strategy: unknown value 'caviars' (did you mean caviar?)"] },
        { "no-budget.yaml", Data + Space, ["no-budget.yaml: budget: required"] },
        { "bad-choice.yaml", Data + "space: { optimizer: [adam, adamw] }\n" + Budget, ["bad-choice.yaml: space.optimizer[1]: must be one of sgd, momentum, rmsprop, adam, got 'adamw' (did you mean adam?)"] },
        {
            "several.yaml",
            "data: { path: {iris}, validation_fraction: 2 }\nspace: { learning_rate: { min: 0, max: 0.1 } }\nbudget: { trails: 4 }\nstrategy: pandas\n",
            [
                "several.yaml: data.validation_fraction: must lie strictly between 0 and 1, got 2",
                "several.yaml: space.learning_rate.min: must be > 0 on a log scale",
                "several.yaml: strategy: unknown value 'pandas' (did you mean panda?)",
                "several.yaml: budget: needs at least one of trials, total_epochs, wall_time",
                "several.yaml: budget.trails: unknown key (did you mean trials?)",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Validate_prints_every_error_and_exits_2(string file, string spec, string[] expected)
    {
        using var dir = new TempDirectory();
        var (exitCode, output) = await Tune.Run("validate", Write(dir, file, spec));

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        AssertLines(Expand(dir, expected), output);
        Assert.DoesNotContain("ok", Lines(output));
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Run_prints_every_error_exits_2_and_starts_nothing(string file, string spec, string[] expected)
    {
        using var dir = new TempDirectory();
        var output = dir.Sub("out");

        var (exitCode, printed) = await Tune.Run("run", Write(dir, file, spec), "--out", output);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        AssertLines(Expand(dir, expected), printed);
        Assert.False(Directory.Exists(output), "a rejected spec must not create its output folder");
    }

    [Fact]
    public async Task A_missing_spec_file_is_reported_by_name_with_exit_2()
    {
        using var dir = new TempDirectory();
        var output = dir.Sub("out");

        var (exitCode, printed) = await Tune.Run("run", Path.Combine(dir.FullPath, "nothere.yaml"), "--out", output);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        Assert.StartsWith("nothere.yaml: cannot read the spec: ", printed);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task Validate_prints_ok_and_a_summary_of_a_good_spec()
    {
        var (exitCode, output) = await Tune.Run("validate", Path.Combine(RepoFiles.Root, "examples", "iris.yaml"));

        Assert.Equal(ExitCodes.Ok, exitCode);
        var lines = Lines(output);
        Assert.Equal("ok", lines[0]);
        Assert.Contains("panda", lines[1]);
        Assert.Contains("learning_rate log [0.001, 0.3]", lines[1]);
        Assert.Contains("momentum one-minus-log [0.8, 0.99]", lines[1]);
        Assert.Contains("optimizer categorical {sgd, momentum, adam}", lines[1]);
        Assert.Contains("Budget: 12 trials", lines[1]);
    }

    private static string Write(TempDirectory dir, string file, string spec) =>
        dir.File(file, spec.Replace("{iris}", RepoFiles.Iris));

    private static string[] Expand(TempDirectory dir, string[] lines) =>
        lines.Select(l => l.Replace("{dir}", dir.FullPath)).ToArray();

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    // Each expected error is a printed line, or the start of one (a parser's own wording may follow).
    private static void AssertLines(string[] expected, string output)
    {
        var lines = Lines(output);
        foreach (var line in expected)
            Assert.Contains(lines, l => l.StartsWith(line, StringComparison.Ordinal));
        Assert.Equal(expected.Length, lines.Length);
    }
}
