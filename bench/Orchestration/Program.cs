// Orchestration overhead: trial-round reports per second through one StudyGrain on the embedded
// single silo, with a trial whose round costs nothing, at growing history sizes. One study of N
// trials per size; each trial trains one round, so reports = trials. The rate is measured per
// window of 1,000 reports, so a cost that grows with history shows as a falling rate.
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
    if (Environment.GetEnvironmentVariable("FLUSH_MS") is { } ms) silo.Services.Configure<StudyOptions>(o => o.FlushInterval = TimeSpan.FromMilliseconds(int.Parse(ms)));
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

foreach (var n in sizes)
{
    var spec = $$"""
        { "name": "overhead-{{n}}", "data": { "path": "none.csv" },
          "space": { "learning_rate": { "min": 1e-4, "max": 1e-1 } },
          "strategy": "caviar", "stopping": "none", "retest": { "enabled": false },
          "population": { "size": {{(Environment.GetEnvironmentVariable("POP") ?? "100")}} },
          "budget": { "trials": {{n}}, "epochs_per_round": 1, "max_epochs_per_trial": 1 } }
        """;
    var study = grains.GetGrain<IStudyGrain>($"overhead-{n}");
    var clock = Stopwatch.StartNew();
    var status = await study.Start(spec);
    var windows = new List<(int Reports, double Seconds)>();
    var lastReports = 0;
    var lastTime = 0.0;
    while (status.Phase == StudyPhase.Running)
    {
        await Task.Delay(200);
        status = await study.GetStatus();
        var t = clock.Elapsed.TotalSeconds;
        if (status.ReportsReceived - lastReports >= 1_000 || status.Phase != StudyPhase.Running)
        {
            windows.Add((status.ReportsReceived - lastReports, t - lastTime));
            (lastReports, lastTime) = (status.ReportsReceived, t);
        }
    }
    var total = clock.Elapsed.TotalSeconds;
    var rates = windows.Where(w => w.Reports > 0).Select(w => w.Reports / w.Seconds).ToList();
    Console.WriteLine($"trials={n} reports={status.ReportsReceived} seconds={total:F2} overall_reports_per_sec={status.ReportsReceived / total:F0} " +
                      $"first_window={rates.FirstOrDefault():F0} last_window={rates.LastOrDefault():F0}");
    if (Environment.GetEnvironmentVariable("WINDOWS") is not null) Console.WriteLine(string.Join(" ", rates.Select(r => r.ToString("F0"))));
}
await host.StopAsync();

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
