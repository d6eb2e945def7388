// Whole studies on the embedded silo with 1 and with 2 training slots: what lending idle slots to a lone trial
// (panda) and running trials side by side (caviar) buy in wall time. fashion-mnist with the mnist-like network
// (784 → 256 → 256 → 10, batch 128, Adam), which must be in data/ of this repository.
//
// Usage: bench-scaling [REPEATS] [panda|caviar|tiny...]   (default: 3 repeats of panda and caviar, alternating 1 and 2 slots)
//   panda   2 trials one after the other, 2 epochs each: wall time; the second slot can only help by being lent
//   caviar  a population of 4, 2 epochs each: epochs per second
//   tiny    panda on letter (16 → 64 → 64 → 26, batch 64), 2 trials × 20 epochs (about a second): too small to split, must not slow down
// Each run starts a silo of its own, trains a warm-up study of one epoch per trial (the dataset is loaded and
// cached, the JIT compiles), then the timed study.
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Tuning.Grains;
using Orleans.Tuning.Grains.Studies;

var repeats = args.Length > 0 && int.TryParse(args[0], out var n) ? n : 3;
var kinds = args.Where(a => !int.TryParse(a, out _)).DefaultIfEmpty("panda").ToList();
if (args.All(a => int.TryParse(a, out _))) kinds = ["panda", "caviar"];
var repo = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../.."));
if (kinds.FirstOrDefault(k => k is not ("panda" or "caviar" or "tiny")) is { } unknown)
{
    Console.Error.WriteLine($"bench-scaling: unknown study '{unknown}' (expected panda, caviar or tiny)");
    return 2;
}
if (!File.Exists(Path.Combine(repo, "data/fashion_mnist/train-images-idx3-ubyte.gz")))
{
    Console.Error.WriteLine($"bench-scaling: {repo}/data/fashion_mnist is missing");
    return 2;
}
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load at start {Load()}");
var port = 0;
foreach (var kind in kinds)
{
    var figures = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
    for (var r = 0; r < repeats; r++)
    {
        foreach (var slots in new[] { 1, 2 })
        {
            var (seconds, epochs) = await Run(kind, slots, port++, r);
            var figure = kind == "caviar" ? epochs / seconds : seconds;
            figures[slots].Add(figure);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind} slots={slots} run={r} seconds={seconds:F2} epochs={epochs} epochs_per_sec={epochs / seconds:F3} load={Load()}"));
        }
    }
    var (one, two) = (Median(figures[1]), Median(figures[2]));
    var unit = kind == "caviar" ? "epochs/s" : "s wall time";
    var ratio = kind == "caviar" ? two / one : one / two;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind}: median {unit}: 1 slot {one:F3}, 2 slots {two:F3}; speed-up {ratio:F2}x"));
}
return 0;

async Task<(double Seconds, int Epochs)> Run(string kind, int slots, int offset, int run)
{
    var builder = Host.CreateApplicationBuilder();
    // Silent: a failed study throws with its message; Orleans' own messages at shutdown would bury the figures.
    builder.Logging.ClearProviders();
    builder.UseOrleans(silo => silo.UseEmbeddedTuning(siloPort: 21311 + offset, gatewayPort: 41311 + offset, pool => pool.Slots = slots));
    using var host = builder.Build();
    await host.StartAsync();
    var grains = host.Services.GetRequiredService<IGrainFactory>();
    await Study(grains, Spec(kind, $"warm-up-{kind}-{slots}-{run}", trials: 2, epochs: 1, population: 2));
    var trainingCpu = TrainingThreadsCpuSeconds();
    var result = await Study(grains, kind == "caviar"
        ? Spec(kind, $"{kind}-{slots}-{run}", trials: 4, epochs: 2, population: 4)
        : Spec(kind, $"{kind}-{slots}-{run}", trials: 2, epochs: kind == "tiny" ? 20 : 2, population: 1));
    // With one slot the training thread's CPU time is the time spent in rounds: the rest of the wall time is orchestration,
    // which a second slot cannot shorten. With two, it includes the lent slot's work (and its brief spinning between steps).
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    training threads' CPU: {TrainingThreadsCpuSeconds() - trainingCpu:F2} s"));
    await host.StopAsync();
    return result;
}

static async Task<(double Seconds, int Epochs)> Study(IGrainFactory grains, string spec)
{
    var id = spec.Split('"')[3];
    var study = grains.GetGrain<IStudyGrain>(id);
    var clock = Stopwatch.StartNew();
    var status = await study.Start(spec);
    while (status.Phase == StudyPhase.Running)
    {
        await Task.Delay(10);
        status = await study.GetStatus();
    }
    if (status.TrialsFailed > 0 || status.Phase != StudyPhase.Completed)
        throw new InvalidOperationException($"study {id} ended {status.Phase}: {status.Message} {string.Join("; ", status.RecentFailures.Select(f => f.ToString()))}");
    return (clock.Elapsed.TotalSeconds, status.EpochsUsed);
}

string Spec(string kind, string id, int trials, int epochs, int population)
{
    var data = kind == "tiny"
        ? $$"""{ "path": "{{repo}}/data/letter.csv", "test_fraction": 0.2 }"""
        : $$"""
          { "path": "{{repo}}/data/fashion_mnist/train-images-idx3-ubyte.gz", "labels_path": "{{repo}}/data/fashion_mnist/train-labels-idx1-ubyte.gz",
            "test_path": "{{repo}}/data/fashion_mnist/t10k-images-idx3-ubyte.gz", "test_labels_path": "{{repo}}/data/fashion_mnist/t10k-labels-idx1-ubyte.gz" }
          """;
    var (hidden, batch) = kind == "tiny" ? (64, 64) : (256, 128);
    return $$"""
        { "name": "{{id}}", "seed": 1, "data": {{data}},
          "space": { "learning_rate": { "min": 1e-4, "max": 1e-2 } },
          "fixed": { "layers": 2, "hidden_units": {{hidden}}, "batch_size": {{batch}}, "optimizer": "adam" },
          "strategy": "{{(kind == "caviar" ? "caviar" : "panda")}}", "stopping": "none", "retest": { "enabled": false },
          {{(kind == "caviar" ? $$""" "population": { "size": {{population}} },""" : "")}}
          "budget": { "trials": {{trials}}, "epochs_per_round": 1, "max_epochs_per_trial": {{epochs}} } }
        """;
}

// User + system time of this process's training-pool threads (named training-N), from /proc.
static double TrainingThreadsCpuSeconds()
{
    var ticks = 0L;
    foreach (var task in Directory.GetDirectories("/proc/self/task"))
    {
        try
        {
            if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith("training-")) continue;
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the third on: utime is the 14th, stime the 15th
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { } // the thread ended meanwhile
    }
    return ticks / 100.0; // USER_HZ
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
