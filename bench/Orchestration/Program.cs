// Orchestration overhead: trial-round reports per second through one StudyGrain on the embedded
// single silo, with a trial whose round costs nothing, at growing history sizes. One study of N
// trials per size, three times each (median); each trial trains one round, so reports = trials.
// The rate is also sampled per window of 1,000 reports, so a cost that grows with history shows
// as a falling rate within a run.
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Tuning.Grains;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;

var sizes = args.Length > 0 ? args.Select(int.Parse).ToArray() : [1_000, 10_000, 100_000];
var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo =>
{
    silo.UseEmbeddedTuning(siloPort: 21111, gatewayPort: 41000);
    silo.Services.AddSingleton<ITrialRunner, FreeRounds>();
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

// Warm-up, not reported: the JIT's tiering and the thread pool's growth would otherwise be charged to the first size.
await RunStudy(grains, "warm-up", 20_000);
const int Repeats = 3;
foreach (var n in sizes)
{
    var runs = new List<double>();
    for (var r = 0; r < Repeats; r++)
    {
        var (reports, seconds, rates) = await RunStudy(grains, $"overhead-{n}-{r}", n);
        runs.Add(reports / seconds);
        Console.WriteLine($"  trials={n} run={r} reports={reports} seconds={seconds:F2} reports_per_sec={reports / seconds:F0} " +
                          $"first_window={rates.FirstOrDefault():F0} last_window={rates.LastOrDefault():F0}");
    }
    Console.WriteLine($"trials={n} median_reports_per_sec={runs.Order().ElementAt(Repeats / 2):F0}");
}
await host.StopAsync();

static async Task<(int Reports, double Seconds, List<double> WindowRates)> RunStudy(IGrainFactory grains, string id, int n)
{
    var spec = $$"""
        { "name": "{{id}}", "data": { "path": "none.csv" },
          "space": { "learning_rate": { "min": 1e-4, "max": 1e-1 } },
          "strategy": "caviar", "stopping": "none", "retest": { "enabled": false },
          "population": { "size": 100 },
          "budget": { "trials": {{n}}, "epochs_per_round": 1, "max_epochs_per_trial": 1 } }
        """;
    var study = grains.GetGrain<IStudyGrain>(id);
    var clock = Stopwatch.StartNew();
    var status = await study.Start(spec);
    var windows = new List<(int Reports, double Seconds)>();
    var lastReports = 0;
    var lastTime = 0.0;
    while (status.Phase == StudyPhase.Running)
    {
        await Task.Delay(20);
        status = await study.GetStatus();
        var t = clock.Elapsed.TotalSeconds;
        if (status.ReportsReceived - lastReports >= 1_000 || status.Phase != StudyPhase.Running)
        {
            windows.Add((status.ReportsReceived - lastReports, t - lastTime));
            (lastReports, lastTime) = (status.ReportsReceived, t);
        }
    }
    var rates = windows.Where(w => w.Reports > 0).Select(w => w.Reports / w.Seconds).ToList();
    return (status.ReportsReceived, clock.Elapsed.TotalSeconds, rates);
}

/// <summary>A round that costs nothing: the benchmark measures the orchestration around it.</summary>
internal sealed class FreeRounds : ITrialRunner
{
    public ITrialSession Open(TrialPlan plan, Orleans.Tuning.Model.Search.Configuration hyperparameters, double? learningRate, byte[]? checkpoint) => new Session();

    private sealed class Session : ITrialSession
    {
        public RoundMetrics TrainRound(int round) => new(round, round, 0.5, 0.5, 0.5, 1e-3, 0);
        public byte[] Checkpoint() => [];
    }
}
