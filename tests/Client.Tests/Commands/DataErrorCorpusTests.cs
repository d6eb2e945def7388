using System.IO.Compression;
using System.Text.Json;
using Orleans.Tuning.Client.Results;

namespace Orleans.Tuning.Client.Tests.Commands;

/// <summary>
/// Bad datasets through the real command line: `validate` and `run` open the data before anything starts,
/// print every problem naming the file (and the line and column where there is one), exit 2, and create nothing.
/// </summary>
public class DataErrorCorpusTests
{
    private const string Good = "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,1,0\n2,3,1\n4,5,0\n6,7,1\n8,9,0\n1,1,1\n";

    // File name, contents (null: a folder of that name; bytes: an IDX pair), the lines printed.
    public static TheoryData<string, string, string[]> Csv => new()
    {
        { "nonnum.csv", "a,b,label\n1,2,0\n3,x,1\n", ["nonnum.csv line 3, column 2 (b): 'x' is not a number"] },
        { "ragged.csv", "a,b,label\n1,2,0\n3,1\n", ["ragged.csv line 3: expected 3 columns as named in the header, found 2; column 3 (label) onwards is missing"] },
        { "empty.csv", "", ["empty.csv: file is empty; expected a header row ending in 'label'"] },
        { "header.csv", "a,b,label\n", ["header.csv: has a header but no data rows"] },
        { "nan.csv", "a,b,label\n1,2,0\n3,NaN,1\n", ["nan.csv line 3, column 2 (b): 'NaN' is not a finite number"] },
        { "inf.csv", "a,b,label\n1,-Infinity,0\n3,4,1\n", ["inf.csv line 2, column 2 (b): '-Infinity' is not a finite number"] },
        { "gap.csv", "a,label\n1,0\n2,7\n3,0\n4,7\n5,0\n6,7\n", ["gap.csv: labels must be exactly 0..k−1, but labels 1..6 have no rows (found 2 classes up to label 7); renumber the classes 0..1"] },
        { "single.csv", "a,label\n1,0\n2,0\n3,0\n", ["single.csv: every row has label 0; a classifier needs at least two classes"] },
        { "three.csv", "a,b,label\n1,2,0\n3,4,1\n5,6,2\n", ["three.csv: 3 rows are too few for test_fraction 0.2: the test part has no rows"] },
    };

    [Theory]
    [MemberData(nameof(Csv))]
    public async Task Validate_refuses_bad_data_with_exit_2(string file, string contents, string[] expected)
    {
        using var dir = new TempDirectory();
        dir.File(file, contents);
        var (exitCode, output) = await Tune.Run("validate", Spec(dir, file));

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        AssertLines(expected, output);
    }

    [Theory]
    [MemberData(nameof(Csv))]
    public async Task Run_refuses_bad_data_with_exit_2_and_creates_nothing(string file, string contents, string[] expected)
    {
        using var dir = new TempDirectory();
        dir.File(file, contents);
        var output = dir.Sub("out");
        var (exitCode, printed) = await Tune.Run("run", Spec(dir, file), "--out", output);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        AssertLines(expected, printed);
        Assert.False(Directory.Exists(output), "refused data must not create the output folder");
    }

    [Fact]
    public async Task A_folder_in_place_of_the_data_file_is_named_as_a_folder()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Sub("data.csv"));
        var output = dir.Sub("out");
        var (exitCode, printed) = await Tune.Run("run", Spec(dir, "data.csv"), "--out", output);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        AssertLines([$"study.yaml: data.path: is a folder, not a file: {dir.Sub("data.csv")}"], printed);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public async Task A_truncated_idx_file_is_refused_with_what_was_found()
    {
        using var dir = new TempDirectory();
        // 3 images of 2×2 promised, 5 pixel bytes delivered; the labels are whole.
        WriteGzip(dir.Sub("images.gz"), [0, 0, 8, 3, 0, 0, 0, 3, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3, 4, 5]);
        WriteGzip(dir.Sub("labels.gz"), [0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 0]);
        var spec = dir.File("study.yaml", Body("data: { path: images.gz, labels_path: labels.gz }\n"));

        var (exitCode, printed) = await Tune.Run("validate", spec);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        AssertLines(["images.gz: truncated; header promises 3 images of 2×2 = 12 pixel bytes, found 5 (1 complete images)"], printed);
    }

    [Fact]
    public async Task An_idx_labels_file_with_another_row_count_is_refused()
    {
        using var dir = new TempDirectory();
        WriteGzip(dir.Sub("images.gz"), [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 9, 9]);
        WriteGzip(dir.Sub("labels.gz"), [0, 0, 8, 1, 0, 0, 0, 3, 0, 1, 0]);
        var spec = dir.File("study.yaml", Body("data: { path: images.gz, labels_path: labels.gz }\n"));

        var (exitCode, printed) = await Tune.Run("run", spec, "--out", dir.Sub("out"));

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        AssertLines(["images.gz has 2 images but labels.gz has 3 labels"], printed);
        Assert.False(Directory.Exists(dir.Sub("out")));
    }

    [Fact]
    public async Task Validate_reports_the_shape_of_good_data()
    {
        using var dir = new TempDirectory();
        dir.File("good.csv", Good);
        var (exitCode, output) = await Tune.Run("validate", Spec(dir, "good.csv"));

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Data: 10 rows (6 training, 2 validation, 2 test), 2 features, 2 classes.", output);
    }

    [Fact]
    public async Task A_study_in_which_every_trial_diverges_ends_failed_with_exit_1_and_says_why()
    {
        using var dir = new TempDirectory();
        // Plain gradient descent at α = 10²⁰ turns every network into NaN in its first round.
        var spec = dir.File("diverge.yaml", $$"""
            name: diverge
            data: { path: {{RepoFiles.Iris}} }
            space: { hidden_units: { min: 4, max: 16 } }
            fixed: { learning_rate: 1.0e+20, optimizer: sgd, layers: 1 }
            strategy: caviar
            population: { size: 3 }
            budget: { trials: 6, epochs_per_round: 1, max_epochs_per_trial: 2 }
            """);
        var output = dir.Sub("out");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var (exitCode, printed) = await Tune.Run(timeout.Token, "run", spec, "--out", output, "--slots", "2");

        Assert.True(exitCode == ExitCodes.Failed, $"exit code {exitCode}:\n{printed}");
        Assert.Contains("error: no trial learned anything (3 failed or diverged); the first, trial ", printed);
        Assert.Contains(": diverged in round 1 (validation loss NaN)", printed);
        Assert.DoesNotContain("best: trial", printed);

        using var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ResultsFolder.BestName)));
        Assert.Equal("failed", best.RootElement.GetProperty("phase").GetString());
        Assert.StartsWith("no trial learned anything", best.RootElement.GetProperty("failure").GetString());
        Assert.Equal(JsonValueKind.Null, best.RootElement.GetProperty("best").ValueKind);
        var failed = best.RootElement.GetProperty("failed").EnumerateArray().ToList();
        Assert.Equal(3, failed.Count);
        Assert.All(failed, f => Assert.Equal("diverged in round 1 (validation loss NaN)", f.GetProperty("reason").GetString()));

        var csv = File.ReadAllLines(Path.Combine(output, ResultsFolder.CsvName));
        var failure = Array.IndexOf(csv[0].Split(','), "failure");
        Assert.True(failure >= 0, "results.csv has a failure column");
        Assert.All(csv.Skip(1), line => Assert.Equal("diverged in round 1 (validation loss NaN)", line.Split(',')[failure]));
    }

    private static string Spec(TempDirectory dir, string data) =>
        dir.File("study.yaml", Body($"data: {{ path: {data} }}\n"));

    private static string Body(string data) =>
        data + "space: { learning_rate: { min: 1.0e-3, max: 0.1 } }\nbudget: { trials: 2, epochs_per_round: 1, max_epochs_per_trial: 2 }\n";

    private static void WriteGzip(string path, byte[] bytes)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        gzip.Write(bytes);
    }

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    // Each expected problem is a printed line, or the start of one; nothing else is printed.
    private static void AssertLines(string[] expected, string output)
    {
        var lines = Lines(output).Where(l => !l.StartsWith("loading and checking", StringComparison.Ordinal)).ToArray();
        foreach (var line in expected)
            Assert.Contains(lines, l => l.StartsWith(line, StringComparison.Ordinal));
        Assert.Equal(expected.Length, lines.Length);
    }
}
