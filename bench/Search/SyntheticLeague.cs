using System.Diagnostics;
using System.Globalization;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Synthetic;

namespace Orleans.Tuning.Bench.Search;

/// <summary>
/// The synthetic league: every sampler on Branin and Hartmann-6 through the real study engine, many seeds, the best
/// value found after a number of evaluations (median and quartiles); then the model samplers' suggestions per second.
/// </summary>
internal static class SyntheticLeague
{
    private sealed record Entry(string Name, Func<SyntheticObjective, int, int, StudySpec> Spec);

    // Random, Halton and grid are one big population each (no narrowing, nothing learnt); coarse to fine narrows
    // every 10 trials; the model samplers run one trial at a time, as Optuna's figures were measured, and once with
    // 4 trials in parallel (constant liar) to show what parallelism costs them.
    private static readonly Entry[] Entries =
    [
        new("random", (f, n, seed) => Design(f, new SamplerSpec(SamplerKind.Random), n, seed)),
        new("halton", (f, n, seed) => Design(f, new SamplerSpec(SamplerKind.Halton), n, seed)),
        new("grid", (f, n, seed) => Design(f, new SamplerSpec(SamplerKind.Grid, Points: (int)Math.Ceiling(Math.Pow(n, 1.0 / f.Space.Count) - 1e-9)), n, seed)),
        new("coarse to fine", (f, n, seed) => SyntheticStudy.Spec(f, new SamplerSpec(SamplerKind.Random), n, seed, StudyStrategy.Caviar, population: 10, generationSize: 10)),
        new("tpe", (f, n, seed) => SyntheticStudy.Spec(f, new SamplerSpec(SamplerKind.Tpe), n, seed)),
        new("tpe, 4 in parallel", (f, n, seed) => SyntheticStudy.Spec(f, new SamplerSpec(SamplerKind.Tpe), n, seed, StudyStrategy.Caviar, population: 4)),
        new("cma-es", (f, n, seed) => SyntheticStudy.Spec(f, new SamplerSpec(SamplerKind.CmaEs), n, seed)),
        new("gp", (f, n, seed) => SyntheticStudy.Spec(f, new SamplerSpec(SamplerKind.GaussianProcess), n, seed)),
        new("gp, 4 in parallel", (f, n, seed) => SyntheticStudy.Spec(f, new SamplerSpec(SamplerKind.GaussianProcess), n, seed, StudyStrategy.Caviar, population: 4)),
    ];

    private static StudySpec Design(SyntheticObjective f, SamplerSpec sampler, int n, int seed) =>
        SyntheticStudy.Spec(f, sampler, n, seed, StudyStrategy.Caviar, population: 10);

    private static readonly (string Function, int[] Budgets)[] Problems = [("branin", [60, 200]), ("hartmann6", [200])];

    public static void Run(int seeds, string[] only)
    {
        var entries = only.Length == 0 ? Entries : Entries.Where(e => only.Any(o => e.Name.StartsWith(o, StringComparison.Ordinal))).ToArray();
        Console.WriteLine($"# synthetic league: best value found (median [first quartile – third quartile]) over seeds 1..{seeds}, through the study engine");
        Console.WriteLine();
        var header = Problems.SelectMany(p => p.Budgets.Select(b => $"{p.Function} at {b}")).ToArray();
        Console.WriteLine($"| sampler | {string.Join(" | ", header)} | ms per study, wall (CPU), seeds side by side on all cores |");
        Console.WriteLine($"| --- |{string.Concat(Enumerable.Repeat(" --- |", header.Length + 1))}");
        foreach (var entry in entries)
        {
            var cells = new List<string>();
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var studies = 0;
            foreach (var (function, budgets) in Problems)
            {
                var f = SyntheticObjective.All[function];
                // One study per seed at the largest budget, read at each budget; a grid is designed for its budget, so it runs per budget.
                // Seeds run side by side, one per core: each study is independent and seeded, so the figures do not depend on it.
                var perBudget = budgets.ToDictionary(b => b, _ => new List<double>());
                var runs = Enumerable.Range(1, seeds).SelectMany(seed => (entry.Name == "grid" ? budgets : [budgets.Max()]).Select(run => (Seed: seed, Run: run))).ToArray();
                var outcomes = new SyntheticOutcome[runs.Length];
                Parallel.For(0, runs.Length, i => outcomes[i] = SyntheticStudy.Run(entry.Spec(f, runs[i].Run, runs[i].Seed), f));
                studies += runs.Length;
                for (var i = 0; i < runs.Length; i++)
                {
                    foreach (var b in budgets.Where(b => entry.Name != "grid" || b == runs[i].Run))
                        perBudget[b].Add(outcomes[i].BestAfter(b));
                }
                cells.AddRange(budgets.Select(b => Quartiles(perBudget[b])));
            }
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"| {entry.Name} | {string.Join(" | ", cells)} | {clock.Elapsed.TotalMilliseconds / studies:F0} ({cpuMs / studies:F0}) |");
        }
    }

    /// <summary>Suggestions per second of each model sampler given a history of n scored trials of Hartmann-6 (random points).</summary>
    public static void Rates(int[] histories, int repeats)
    {
        var f = new Hartmann6();
        Console.WriteLine();
        Console.WriteLine($"# suggestions per second (Hartmann-6, 6 dimensions), median of {repeats} runs of ≥ 1 s each; wall clock (per CPU-second); load average {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine($"| sampler | {string.Join(" | ", histories.Select(h => $"{h:N0} trials"))} |");
        Console.WriteLine($"| --- |{string.Concat(Enumerable.Repeat(" --- |", histories.Length))}");
        var samplers = new (string Name, IModelSampler Sampler)[]
        {
            ("tpe", new TpeSampler(f.Space, seed: 1)),
            ("gp", new GpSampler(f.Space, seed: 1)),
        };
        foreach (var (name, sampler) in samplers)
        {
            var cells = new List<string>();
            foreach (var n in histories)
            {
                var random = new RandomSampler(f.Space.Count, seed: 7);
                var history = Enumerable.Range(0, n).Select(i => random.Sample(i)).Select(p => new ScoredPoint(p, -f.Evaluate(f.Space.ToConfiguration(p)))).ToList();
                var rates = new List<(double Wall, double Cpu)>();
                for (var r = 0; r < repeats; r++)
                {
                    var count = 0;
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    // The history grows by each suggestion, as in a study: a sampler that reuses work between calls
                    // (the GP's hyperparameter fits) is measured as it runs, not on one history asked again and again.
                    var grown = new List<ScoredPoint>(history);
                    while (clock.Elapsed.TotalSeconds < 1 || count < 3)
                    {
                        var point = sampler.Suggest(grown.Count, grown, []);
                        grown.Add(new ScoredPoint(point, -f.Evaluate(f.Space.ToConfiguration(point))));
                        count++;
                    }
                    rates.Add((count / clock.Elapsed.TotalSeconds, count / (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds));
                }
                var wall = rates.Select(r => r.Wall).Order().ElementAt(rates.Count / 2);
                var perCpu = rates.Select(r => r.Cpu).Order().ElementAt(rates.Count / 2);
                cells.Add($"{wall.ToString("F0", CultureInfo.InvariantCulture)} ({perCpu.ToString("F0", CultureInfo.InvariantCulture)})");
            }
            Console.WriteLine($"| {name} | {string.Join(" | ", cells)} |");
        }
    }

    private static string Quartiles(List<double> values)
    {
        var sorted = values.Order().ToArray();
        string At(double q)
        {
            var position = q * (sorted.Length - 1);
            var low = (int)Math.Floor(position);
            var high = Math.Min(low + 1, sorted.Length - 1);
            return (sorted[low] + (position - low) * (sorted[high] - sorted[low])).ToString("F4", CultureInfo.InvariantCulture);
        }
        return $"{At(0.5)} [{At(0.25)} – {At(0.75)}]";
    }
}
