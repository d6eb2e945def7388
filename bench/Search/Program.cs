// The league table: search strategies at equal total epochs on real data, several seeds each.
// Every study runs the product's own engine in this process and trains real networks one at a
// time (one core), so the figures compare strategies, not clusters. For each study: the test
// accuracy of the configuration it chose (test never seen by any decision), and the epochs it
// needed before its answer's validation accuracy reached random search's final one (same data, seed).
//
//   dotnet run -c Release --project bench/Search -- [datasets...] [--seeds N] [--epochs E] [--rows R] [--only a,b]
//
// --only runs the named strategies (random search always runs first: it sets each seed's bar). A seed
// on which a strategy never reached the bar counts as "never" (infinitely slow) in its median.
//
// `synthetic` runs the synthetic league instead (Branin, Hartmann-6: no training, every sampler, 30 seeds by default),
// then measures the model samplers' suggestions per second at several history sizes:
//
//   dotnet run -c Release --project bench/Search -- synthetic [sampler names...] [--seeds N] [--rates-only]
//
// `warm-and-front` measures warm start (Branin: evaluations to within 0.012 of f*, cold and warm from 30 random trials)
// and two objectives (ZDT1: the hypervolume of each sampler's Pareto front against the known one):
//
//   dotnet run -c Release --project bench/Search -- warm-and-front [--seeds N]
using System.Diagnostics;
using System.Globalization;
using Orleans.Tuning.Bench.Search;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

if (args.FirstOrDefault() == "warm-and-front")
{
    WarmAndFront.WarmStart(Option("--seeds", 10));
    WarmAndFront.Front(Option("--seeds", 10));
    return 0;
}

if (args.FirstOrDefault() == "synthetic")
{
    var samplers = args.Skip(1).TakeWhile(a => !a.StartsWith("--")).ToArray();
    if (!args.Contains("--rates-only")) SyntheticLeague.Run(Option("--seeds", 30), samplers);
    if (!args.Contains("--league-only")) SyntheticLeague.Rates([100, 1_000, 10_000], repeats: 3);
    return 0;
}

const int BaselineStream = 1_000_000;
var seeds = Option("--seeds", 5);
var epochs = Option("--epochs", 120);
var rows = Option("--rows", int.MaxValue);
var datasets = args.TakeWhile(a => !a.StartsWith("--")).ToArray();
if (datasets.Length == 0) datasets = ["digits", "letter", "fashion"];
var root = FindRoot();
var only = Array.IndexOf(args, "--only") is var o and >= 0 ? args[o + 1].Split(',') : null;
var strategies = Strategies.All.Where((s, i) => i == 0 || only is null || only.Contains(s.Key)).ToList();

Console.WriteLine($"# {epochs} epochs per study, seeds 1..{seeds}, one core; strategies: {string.Join(", ", strategies.Select(s => s.Key))}");
foreach (var name in datasets)
{
    var clock = Stopwatch.StartNew();
    var data = BenchData.Load(name, root, rows);
    var results = new Dictionary<string, List<StudyOutcome>>();
    for (var seed = 1; seed <= seeds; seed++)
    {
        double? target = null, measuredTarget = null, testTarget = null;
        foreach (var (strategy, yaml) in strategies)
        {
            // The bar draws its configurations and trial seeds from a stream of its own: with the league's seed, random
            // search would train exactly the configurations every random-sampled strategy starts with, and a strategy
            // that screens its first draws would "reach" the bar by re-training random search's own best trial.
            var streamSeed = target is null ? seed + BaselineStream : seed;
            var spec = StudySpecParser.Parse(Strategies.Spec(yaml, name, streamSeed, epochs), $"{name}.yaml");
            var outcome = new StudyRun(spec, Strategies.Resolve(spec), data, searchSplit: seed).Run();
            // Random search runs first and sets this seed's bars: its answer's validation and test accuracy at its end, and
            // the highest validation accuracy any of its rounds measured.
            target ??= outcome.FinalValidation;
            measuredTarget ??= outcome.BestValidation;
            testTarget ??= outcome.TestAccuracy;
            outcome = outcome with
            {
                EpochsToTarget = outcome.EpochsToReach(target.Value),
                EpochsToBestMeasured = outcome.EpochsToMeasure(measuredTarget.Value),
                EpochsToTestTarget = outcome.EpochsToTest(testTarget.Value),
            };
            (results.TryGetValue(strategy, out var list) ? list : results[strategy] = []).Add(outcome);
            Console.Error.WriteLine($"{name} seed {seed} {strategy}: test {outcome.TestAccuracy:F4}, validation {outcome.FinalValidation:F4} " +
                                    $"(highest measured {outcome.BestValidation:F4}), {outcome.EpochsUsed} epochs; its answer reached random's final " +
                                    $"validation {target:F4} at {Epochs(outcome.EpochsToTarget)}, random's highest measured {measuredTarget:F4} at " +
                                    $"{Epochs(outcome.EpochsToBestMeasured)}, random's final test {testTarget:F4} at {Epochs(outcome.EpochsToTestTarget)}");
        }
    }
    Console.WriteLine();
    Console.WriteLine($"## {name} ({data.Describe()}; {clock.Elapsed.TotalMinutes:F1} min)");
    Console.WriteLine();
    Console.WriteLine("| strategy | test accuracy, median [min–max] | epochs until the answer's validation accuracy reaches random's final one, median [min–max] (reached in) | share of the budget | epochs until any round measures random's highest (reached in) | share | epochs until the answer tests as well as random's final one (reached in) | share | epochs used |");
    Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    foreach (var (strategy, outcomes) in results)
    {
        // A seed that never reached the bar counts as infinitely slow, so every strategy's median is over all its seeds.
        var toTarget = outcomes.Select(o => o.EpochsToTarget is { } e ? (double)e : double.PositiveInfinity).ToArray();
        var reached = toTarget.Count(double.IsFinite);
        var toMeasured = outcomes.Select(o => o.EpochsToBestMeasured is { } e ? (double)e : double.PositiveInfinity).ToArray();
        var toTest = outcomes.Select(o => o.EpochsToTestTarget is { } e ? (double)e : double.PositiveInfinity).ToArray();
        Console.WriteLine($"| {strategy} | {Range(outcomes.Select(o => o.TestAccuracy), "F3")} | " +
                          $"{Range(toTarget, "F0")} ({reached}/{outcomes.Count}) | {Text(Median(toTarget) / epochs, "F2")} | " +
                          $"{Range(toMeasured, "F0")} ({toMeasured.Count(double.IsFinite)}/{outcomes.Count}) | {Text(Median(toMeasured) / epochs, "F2")} | " +
                          $"{Range(toTest, "F0")} ({toTest.Count(double.IsFinite)}/{outcomes.Count}) | {Text(Median(toTest) / epochs, "F2")} | " +
                          $"{Range(outcomes.Select(o => (double)o.EpochsUsed), "F0")} |");
    }
}
return 0;

static string Epochs(int? epochs) => epochs?.ToString(CultureInfo.InvariantCulture) ?? "never";

static string Range(IEnumerable<double> values, string format)
{
    var sorted = values.Order().ToArray();
    return $"{Text(Median(sorted), format)} [{Text(sorted[0], format)}–{Text(sorted[^1], format)}]";
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Text(double value, string format) =>
    double.IsPositiveInfinity(value) ? "never" : value.ToString(format, CultureInfo.InvariantCulture);

int Option(string flag, int fallback)
{
    var i = Array.IndexOf(args, flag);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRoot()
{
    foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Tuning.sln"))) return dir.FullName;
    throw new DirectoryNotFoundException("run from inside the repository");
}
