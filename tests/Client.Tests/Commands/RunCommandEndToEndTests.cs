using System.Text.Json;
using Orleans.Tuning.Client.Results;

namespace Orleans.Tuning.Client.Tests.Commands;

/// <summary>`tune run` on a tiny iris study, through the embedded silo and the real study grain.</summary>
public class RunCommandEndToEndTests
{
    private const string Spec = """
        name: tiny-iris
        data: { path: {iris}, validation_fraction: 0.3 }
        space:
          learning_rate: { min: 1.0e-3, max: 1.0e-1 }
          hidden_units: { min: 4, max: 16 }
        fixed: { layers: 1, batch_size: 16 }
        strategy: panda
        budget: { trials: 4, epochs_per_round: 2, max_epochs_per_trial: 4 }
        generation_size: 2
        stopping: none
        retest: { enabled: true, every_trials: 2, leaders: 1, repeats: 1, max_share: 0.5 }
        seed: 1
        """;

    [Fact]
    public async Task Run_writes_results_csv_and_best_json()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("tiny-iris.yaml", Spec.Replace("{iris}", RepoFiles.Iris));
        var output = dir.Sub("out");
        // A hung study fails the test (exit 130) instead of hanging the suite.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var (exitCode, printed) = await Tune.Run(timeout.Token, "run", spec, "--out", output, "--slots", "2");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}:\n{printed}");
        Assert.Contains("trials 4/4", printed); // re-tests count against the trial budget
        Assert.Contains($"wrote {Path.Combine(output, ResultsFolder.CsvName)}", printed);

        var csv = File.ReadAllLines(Path.Combine(output, ResultsFolder.CsvName));
        var header = csv[0].Split(',');
        Assert.Equal("trial", header[0]);
        Assert.Contains("hp_learning_rate", header);
        Assert.Contains("hp_hidden_units", header);
        Assert.True(csv.Length - 1 >= 3, $"expected a row per trial and round, got {csv.Length - 1}");
        var retestOf = Array.IndexOf(header, "retest_of");
        Assert.Contains(csv.Skip(1), line => line.Split(',')[retestOf] != "");

        using var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ResultsFolder.BestName)));
        Assert.Equal("tiny-iris", best.RootElement.GetProperty("study").GetString());
        Assert.Equal("accuracy", best.RootElement.GetProperty("objective").GetString());
        var winner = best.RootElement.GetProperty("best");
        Assert.InRange(winner.GetProperty("validation_accuracy").GetDouble(), 0, 1);
        Assert.InRange(winner.GetProperty("test_accuracy").GetDouble(), 0, 1);
        Assert.True(winner.GetProperty("retest").GetProperty("runs").GetInt32() >= 1);
        Assert.NotEqual(0, best.RootElement.GetProperty("ranking").GetArrayLength());
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }
}
