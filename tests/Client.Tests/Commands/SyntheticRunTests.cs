using System.Text.Json;
using Orleans.Tuning.Client.Results;

namespace Orleans.Tuning.Client.Tests.Commands;

/// <summary>`tune run` on a synthetic objective: the embedded silo's trial grains evaluate Branin instead of training.</summary>
public class SyntheticRunTests
{
    private const string Spec = """
        name: branin-gp
        data: { synthetic: branin }
        strategy: panda
        sampler: gp
        budget: { trials: 40 }
        seed: 1
        """;

    [Fact]
    public async Task A_gp_study_of_branin_finds_its_minimum_within_40_evaluations()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("branin.yaml", Spec);
        var output = dir.Sub("out");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var (exitCode, printed) = await Tune.Run(timeout.Token, "run", spec, "--out", output, "--slots", "2");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}:\n{printed}");
        Assert.Contains("trials 40/40", printed);
        var csv = File.ReadAllLines(Path.Combine(output, ResultsFolder.CsvName));
        Assert.Equal(40, csv.Length - 1); // one row per trial: a synthetic trial is one round
        Assert.Contains("hp_x1", csv[0].Split(','));

        using var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ResultsFolder.BestName)));
        var winner = best.RootElement.GetProperty("best");
        // f* = 0.397887; random search's median best at 60 evaluations is about 1.2 (docs/benchmarks.md).
        Assert.InRange(winner.GetProperty("validation_loss").GetDouble(), 0.397887, 0.41);
        var x = winner.GetProperty("hyperparameters");
        Assert.Equal(["x1", "x2"], x.EnumerateObject().Select(p => p.Name));
        // Branin's value is exact at the point best.json gives.
        var value = new Model.Synthetic.Branin().Evaluate([x.GetProperty("x1").GetDouble(), x.GetProperty("x2").GetDouble()]);
        Assert.Equal(winner.GetProperty("validation_loss").GetDouble(), value, 9);
    }

    [Fact]
    public async Task A_study_warm_started_from_an_earlier_results_folder_learns_from_its_trials()
    {
        using var dir = new TempDirectory();
        var earlier = dir.Sub("earlier");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var (first, printedFirst) = await Tune.Run(timeout.Token, "run", dir.File("earlier.yaml", Spec.Replace("trials: 40", "trials: 20")), "--out", earlier, "--slots", "2");
        Assert.True(first == ExitCodes.Ok, printedFirst);
        var earlierBest = Best(earlier);

        var coldSpec = Spec.Replace("trials: 40", "trials: 8").Replace("seed: 1", "seed: 2");
        var (coldExit, coldPrinted) = await Tune.Run(timeout.Token, "run", dir.File("cold.yaml", coldSpec), "--out", dir.Sub("cold"), "--slots", "2");
        var warm = dir.File("warm.yaml", coldSpec + "\nwarm_start: earlier\n");
        var (validated, summary) = await Tune.Run("validate", warm);
        var (exitCode, printed) = await Tune.Run(timeout.Token, "run", warm, "--out", dir.Sub("warm"), "--slots", "2");

        Assert.Equal(ExitCodes.Ok, validated);
        Assert.Contains($"Warm start: the sampler first learns from 20 earlier trial(s) of {earlier}.", summary);
        Assert.True(exitCode == ExitCodes.Ok, printed);
        Assert.Contains("trials 8/8", printed); // the earlier trials cost none of this study's budget
        // 8 evaluations of its own: a cold GP spends 6 of them on a space-filling design; the warm one models from the first.
        Assert.True(coldExit == ExitCodes.Ok, coldPrinted);
        var (coldBest, warmBest) = (Best(dir.Sub("cold")), Best(dir.Sub("warm")));
        Assert.True(warmBest < earlierBest && warmBest < coldBest && warmBest < 0.45, $"earlier {earlierBest}, cold {coldBest}, warm {warmBest}");
    }

    [Fact]
    public async Task Run_rejects_a_warm_start_from_a_cluster_study_naming_the_path()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("warm.yaml", Spec + "\nwarm_start: { study: branin-20261125T120000Z }\n");

        var (exitCode, printed) = await Tune.Run("run", spec, "--out", dir.Sub("out"));

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        Assert.Contains("warm.yaml: warm_start.study: 'branin-20261125T120000Z' names a study of a cluster", printed);
    }

    [Fact]
    public async Task A_two_objective_study_writes_and_prints_its_pareto_front()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("zdt1.yaml", Spec.Replace("synthetic: branin", "synthetic: zdt1").Replace("trials: 40", "trials: 20") + "\nobjectives: [loss, f2]\n");
        var output = dir.Sub("out");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var (exitCode, printed) = await Tune.Run(timeout.Token, "run", spec, "--out", output, "--slots", "2");

        Assert.True(exitCode == ExitCodes.Ok, printed);
        using var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, ResultsFolder.BestName)));
        var front = best.RootElement.GetProperty("pareto_front").EnumerateArray().ToList();
        Assert.True(front.Count >= 5, $"{front.Count} points on the front");
        Assert.Contains($"pareto front: {front.Count} trials no other beats on both objectives", printed);
        var zdt1 = new Model.Synthetic.Zdt1();
        double previousScore = double.NegativeInfinity, previousCost = double.NegativeInfinity;
        foreach (var p in front)
        {
            var x = p.GetProperty("hyperparameters");
            double[] point = [x.GetProperty("x1").GetDouble(), x.GetProperty("x2").GetDouble()];
            // Each entry is the function's two values at its point, and the front runs cheapest first with the score rising.
            Assert.Equal(-zdt1.Evaluate(point), p.GetProperty("score").GetDouble(), 9);
            Assert.Equal(zdt1.Second(point)!.Value, p.GetProperty("cost").GetDouble(), 9);
            Assert.True(p.GetProperty("cost").GetDouble() > previousCost && p.GetProperty("score").GetDouble() > previousScore);
            (previousScore, previousCost) = (p.GetProperty("score").GetDouble(), p.GetProperty("cost").GetDouble());
        }
    }

    private static double Best(string folder)
    {
        using var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ResultsFolder.BestName)));
        return best.RootElement.GetProperty("best").GetProperty("validation_loss").GetDouble();
    }

    [Fact]
    public async Task An_unknown_objective_exits_2_naming_the_path_and_starts_nothing()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("bad.yaml", Spec.Replace("synthetic: branin", "synthetic: branim"));
        var output = dir.Sub("out");

        var (exitCode, printed) = await Tune.Run("run", spec, "--out", output);

        Assert.Equal(ExitCodes.InvalidSpec, exitCode);
        Assert.Contains("data.synthetic: unknown synthetic objective 'branim' (did you mean branin?)", printed);
        Assert.False(Directory.Exists(output));
    }
}
