// Orchestration overhead: trial-round reports per second through one StudyGrain on one silo (embedded
// in-memory storage, or PostgreSQL), with a trial whose round costs nothing, at growing history sizes. One study of N
// trials per size, three times each (median); each trial trains one round, so reports = trials.
// The rate is also sampled per window of 1,000 reports, so a cost that grows with history shows
// as a falling rate within a run.
//
// Usage: bench-orchestration [SIZES...]                      embedded silo, in-memory storage (the default)
//        bench-orchestration --postgres [CONNECTION] [SIZES...] the same silo on PostgreSQL storage: membership,
//          grain state, reminders and the study log/tables, as a production silo (UsePostgresTuning). The
//          connection string (default: $TUNING_CLUSTER) names a database holding the schema; the run clones it
//          into a fresh database of its own (CREATE DATABASE ... TEMPLATE), dropped at the end, and uses a
//          cluster and service id of its own.
//        bench-orchestration --engine-restore                 a study's engine brought back: its whole log replayed, or
//          its snapshot restored (EngineRestore.cs)
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Tuning.Grains;
using Orleans.Tuning.Grains.Hosting;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;

if (args is ["--engine-restore"])
{
    EngineRestore.Run();
    return 0;
}
var postgres = args.Length > 0 && args[0] == "--postgres";
var rest = postgres ? args.Skip(1).ToList() : args.ToList();
string? template = null;
if (postgres)
{
    if (rest.Count > 0 && rest[0].Contains('=')) { template = rest[0]; rest.RemoveAt(0); }
    else template = Environment.GetEnvironmentVariable("TUNING_CLUSTER");
    if (string.IsNullOrWhiteSpace(template))
    {
        Console.Error.WriteLine("bench-orchestration: --postgres needs a connection string (argument or $TUNING_CLUSTER), e.g. from scripts/postgres.sh url");
        return 2;
    }
}
var sizes = rest.Count > 0 ? rest.Select(int.Parse).ToArray() : [1_000, 10_000, 100_000];
var runId = $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}-{Environment.ProcessId}";
var connectionString = postgres ? await FreshDatabase(template!, runId.Replace('-', '_')) : null;
Console.WriteLine(postgres ? $"storage: postgres (database {new NpgsqlConnectionStringBuilder(connectionString).Database}, cluster {runId})" : "storage: embedded (in memory)");

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo =>
{
    if (postgres)
    {
        silo.Configure<ClusterOptions>(o => { o.ClusterId = runId; o.ServiceId = runId; });
        silo.ConfigureEndpoints(IPAddress.Loopback, siloPort: 21111, gatewayPort: 41000, listenOnAnyHostAddress: false);
        silo.UsePostgresTuning(connectionString!);
    }
    else silo.UseEmbeddedTuning(siloPort: 21111, gatewayPort: 41000);
    silo.Services.AddSingleton<ITrialRunner, FreeRounds>();
});
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
// The machine is shared: CPU seconds spent per report (this process, and the PostgreSQL server's processes)
// say what a report costs whatever else was running; wall-clock rates are what the target asks for.
var server = postgres ? await PostgresCpu.Find(connectionString!) : null;

// Warm-up, not reported: the JIT's tiering and the thread pool's growth would otherwise be charged to the first sizes.
// 20,000 reports (3 s) were not enough: 25 s into a run the tiered JIT still took a fifth of the samples (perf, thread
// ".NET Tiered Com"), which is what made the 1,000- and 10,000-trial figures low and scattered. Compiling everything
// optimised at once instead (TieredCompilationQuickJit=false) removes the warm-up but loses dynamic PGO: +25 % CPU per
// report at 100k embedded, half the rate on PostgreSQL (docs/benchmarks.md, issue-13 session 2).
var totalReports = 0;
for (var w = 0; w < 5; w++) totalReports += (await RunStudy(grains, $"{runId}-warm-up-{w}", 20_000)).Reports;
const int Repeats = 3;
foreach (var (n, position) in sizes.Select((n, i) => (n, i)))
{
    var runs = new List<double>();
    for (var r = 0; r < Repeats; r++)
    {
        var (cpu0, pg0) = (Process.GetCurrentProcess().TotalProcessorTime, server?.Seconds() ?? 0);
        var (reports, seconds, clientSeconds, rates, windowCpu, end) = await RunStudy(grains, $"{runId}-overhead-{position}-{n}-{r}", n);
        var (cpu, pg) = ((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds, (server?.Seconds() ?? 0) - pg0);
        runs.Add(reports / seconds);
        totalReports += reports;
        Console.WriteLine($"  trials={n} run={r} reports={reports} seconds={seconds:F3} reports_per_sec={reports / seconds:F0} client_seconds={clientSeconds:F3} " +
                          $"first_window={rates.FirstOrDefault():F0} last_window={rates.LastOrDefault():F0} min_window={(rates.Count > 0 ? rates.Min() : 0):F0} " +
                          $"windows_below_half_the_run={rates.Count(w => w < reports / seconds / 2)}/{rates.Count} end=({end.Reports} reports, {end.Seconds:F3} s) " +
                          $"silo_cpu_ms_per_report={1000 * cpu / reports:F2} (first_window={windowCpu.FirstOrDefault():F2} last_window={windowCpu.LastOrDefault():F2})" +
                          (server is null ? "" : $" postgres_cpu_ms_per_report={1000 * pg / reports:F2}") +
                          $" load={File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }
    Console.WriteLine($"trials={n} median_reports_per_sec={runs.Order().ElementAt(Repeats / 2):F0}");
    // A finished study read back: every idle activation is collected, then the last study is asked for its status,
    // which re-activates it from its stored log (the time a silo takes to bring a study of this size back). Its end
    // (final tables, snapshot) is written in a turn after its last report, so wait for that first: a busy activation
    // is not collected, and the status would then come from memory and measure nothing.
    var last = $"{runId}-overhead-{position}-{n}-{Repeats - 1}";
    for (var wait = Stopwatch.StartNew(); (await grains.GetGrain<IStudyDirectoryGrain>(0).Running()).Contains(last) && wait.Elapsed < TimeSpan.FromMinutes(1);)
        await Task.Delay(50);
    await grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
    var reactivation = Stopwatch.StartNew();
    var back = await grains.GetGrain<IStudyGrain>(last).GetStatus();
    Console.WriteLine($"trials={n} reactivation_seconds={reactivation.Elapsed.TotalSeconds:F2} phase={back.Phase} trials_back={back.TrialsLaunched}");
}
await host.StopAsync();
if (postgres) await PrintDatabaseWork(connectionString!, totalReports);
if (postgres) await DropDatabase(template!, new NpgsqlConnectionStringBuilder(connectionString).Database!);
return 0;

// A database of this run's own, cloned from the schema'd one, so every run starts from empty tables.
static async Task<string> FreshDatabase(string template, string name)
{
    var source = new NpgsqlConnectionStringBuilder(template);
    await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(template) { Database = "postgres", Pooling = false }.ConnectionString))
    {
        await admin.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE {source.Database}", admin);
        await create.ExecuteNonQueryAsync();
    }
    return new NpgsqlConnectionStringBuilder(template) { Database = name }.ConnectionString;
}

// What the database did per report over the whole run (warm-up included): transactions and rows written per table.
// Backends publish their statistics when idle, at most every few seconds: wait for the last ones.
static async Task PrintDatabaseWork(string connectionString, long reports)
{
    await Task.Delay(TimeSpan.FromSeconds(12));
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using (var commits = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection))
    {
        var transactions = (long)(await commits.ExecuteScalarAsync())!;
        Console.WriteLine($"postgres: {reports} reports, {transactions} transactions committed, {(double)transactions / reports:F2} per report; rows written per report:");
    }
    await using var tables = new NpgsqlCommand(
        "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 ORDER BY relname", connection);
    await using var reader = await tables.ExecuteReaderAsync();
    while (await reader.ReadAsync())
        Console.WriteLine($"  {reader.GetString(0),-24} inserted {(double)reader.GetInt64(1) / reports:F3} updated {(double)reader.GetInt64(2) / reports:F3} deleted {(double)reader.GetInt64(3) / reports:F3}");
}

static async Task DropDatabase(string template, string name)
{
    NpgsqlConnection.ClearAllPools();
    await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(template) { Database = "postgres", Pooling = false }.ConnectionString);
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
    await drop.ExecuteNonQueryAsync();
}

// Seconds are the study's own, from its start (the first launches) to its completion (StudyStatus.Elapsed, the silo's clock);
// the client's clock also counts the Start call and up to one 20 ms poll after the end, a fifth of a 1,000-trial study at 10k/s.
// Windows of at least 1,000 reports; the study's end (the last reports, fewer than a window, with the final ranking,
// summary and snapshot, and up to one poll's delay) is returned apart, as a latency rather than a rate.
static async Task<(int Reports, double Seconds, double ClientSeconds, List<double> WindowRates, List<double> WindowCpu, (int Reports, double Seconds) End)> RunStudy(IGrainFactory grains, string id, int n)
{
    var spec = $$"""
        { "name": "{{id}}", "data": { "path": "none.csv" },
          "space": { "learning_rate": { "min": 1e-4, "max": 1e-1 } },
          "strategy": "caviar", "sampler": "random", "stopping": "none", "retest": { "enabled": false },
          "population": { "size": 100 },
          "budget": { "trials": {{n}}, "epochs_per_round": 1, "max_epochs_per_trial": 1 } }
        """;
    var study = grains.GetGrain<IStudyGrain>(id);
    var clock = Stopwatch.StartNew();
    var status = await study.Start(spec);
    var windows = new List<(int Reports, double Seconds, double Cpu)>();
    var lastReports = 0;
    var lastTime = 0.0;
    var lastCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
    while (status.Phase == StudyPhase.Running)
    {
        await Task.Delay(20);
        status = await study.GetStatus();
        // The study's own clock, read with its count: a running study answers from a status up to 250 ms old, so the
        // client's clock beside that count would move reports between windows (a window is about that long at 30k/s).
        var t = status.Elapsed.TotalSeconds;
        if (status.ReportsReceived - lastReports >= 1_000 || status.Phase != StudyPhase.Running)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            windows.Add((status.ReportsReceived - lastReports, t - lastTime, cpu - lastCpu));
            (lastReports, lastTime, lastCpu) = (status.ReportsReceived, t, cpu);
        }
    }
    var end = windows.Count > 0 && windows[^1].Reports < 1_000 ? windows[^1] : (0, 0.0, 0.0);
    var counted = windows.Where(w => w.Reports >= 1_000).ToList();
    // CPU per report per window: a cost that grows with history shows here whatever the machine's load did to the rates.
    return (status.ReportsReceived, status.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds, [.. counted.Select(w => w.Reports / w.Seconds)], [.. counted.Select(w => 1000 * w.Cpu / w.Reports)],
        (end.Item1, end.Item2));
}

/// <summary>CPU seconds used so far by a local PostgreSQL server: its postmaster, its live children and its reaped ones.</summary>
internal sealed class PostgresCpu(int postmaster)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public static async Task<PostgresCpu?> Find(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SHOW data_directory", connection);
            var folder = (string)(await command.ExecuteScalarAsync())!;
            return new PostgresCpu(int.Parse(File.ReadLines(Path.Combine(folder, "postmaster.pid")).First()));
        }
        catch (Exception e)
        {
            Console.WriteLine($"(the PostgreSQL server's CPU time is not readable here: {e.Message})");
            return null;
        }
    }

    public double Seconds()
    {
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                // Fields after the command's closing parenthesis: state ppid ... utime(14) stime(15) cutime(16) cstime(17).
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ppid = int.Parse(f[1]);
                if (pid == postmaster) ticks += long.Parse(f[11]) + long.Parse(f[12]) + long.Parse(f[13]) + long.Parse(f[14]);
                else if (ppid == postmaster) ticks += long.Parse(f[11]) + long.Parse(f[12]);
            }
            catch (IOException) { } // the process ended meanwhile
        }
        return ticks / TicksPerSecond;
    }
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
