// The production cluster, measured: real silo processes (src/Silo, Release build) on PostgreSQL.
//
// Usage: bench-cluster failover [RUNS]          seconds from kill -9 of a silo to the first resumed round on a survivor
//        bench-cluster scaling [REPEATS] [ROUNDS] wall time of a fixed CPU-bound study on 1 silo × 1 slot, 2 silos × 1 slot
//                                               and 1 silo × 2 slots, alternating
// Options: --postgres CONNECTION (default: $TUNING_CLUSTER), a database holding the schema, e.g. from
//          `scripts/postgres.sh url`. Every cluster gets a fresh database cloned from it (dropped afterwards),
//          a cluster/service id and ports of its own. Every process started here is ended by its PID.
// Build first: dotnet build -c Release src/Silo bench/Cluster. BENCH_LOG_DIR=folder keeps every silo's log there;
// the silos inherit this process's environment, so e.g. Logging__LogLevel__Orleans=Debug reaches them.
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Tuning.Bench.Cluster;
using Orleans.Tuning.Grains.Hosting;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;
using Orleans.Tuning.Testing;

var arguments = args.ToList();
var template = Environment.GetEnvironmentVariable("TUNING_CLUSTER");
var at = arguments.IndexOf("--postgres");
if (at >= 0 && at + 1 < arguments.Count)
{
    template = arguments[at + 1];
    arguments.RemoveRange(at, 2);
}
if (arguments.Count == 0 || arguments[0] is not ("failover" or "scaling") || string.IsNullOrWhiteSpace(template))
{
    Console.Error.WriteLine("usage: bench-cluster failover [RUNS] | scaling [REPEATS] [ROUNDS]  [--postgres CONNECTION (default $TUNING_CLUSTER)]");
    return 2;
}
if (!File.Exists(Repo.SiloDll))
{
    Console.Error.WriteLine($"bench-cluster: {Repo.SiloDll} is missing: dotnet build -c Release src/Silo");
    return 2;
}
var number = (int i, int fallback) => arguments.Count > i ? int.Parse(arguments[i], CultureInfo.InvariantCulture) : fallback;
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load at start {Load()}");
return arguments[0] == "failover"
    ? await Benchmarks.Failover(template, number(1, 10))
    : await Benchmarks.Scaling(template, number(1, 3), number(2, 6));

static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

namespace Orleans.Tuning.Bench.Cluster
{
    internal static class Benchmarks
    {
        // Detection alone takes over a second (probe timeout 1 s, two missed probes): a report stored sooner after
        // the kill was sent by the dead silo before it died, not trained on a survivor.
        private static readonly TimeSpan InFlight = TimeSpan.FromMilliseconds(300);

        public static async Task<int> Failover(string template, int runs)
        {
            Console.WriteLine("failover: 2 silos × 1 slot, Tuning__Study__FlushInterval=00:00:00.100; digits.csv, caviar population 2, 1 epoch a round");
            Console.WriteLine("each run kills -9 a silo hosting a trial; odd runs the one that does not host the study, even runs the one that does");
            var results = new List<(bool WithStudy, double Dead, double Resumed, double Projected, double Training)>();
            for (var run = 1; run <= runs; run++)
            {
                var withStudy = run % 2 == 0;
                await using var cluster = await LocalCluster.Start(template, silos: 2, slots: 1, new() { ["Tuning__Study__FlushInterval"] = "00:00:00.100" });
                var study = $"failover-{run}";
                var spec = Specs.Failover(study);
                await cluster.Grains.GetGrain<IStudyGrain>(study).Start(spec);
                await cluster.Until(async () => (await cluster.Column<long>(
                        "SELECT count(*) FROM trial_rounds WHERE study_id = $1 GROUP BY trial ORDER BY trial", study)) is [>= 5, >= 5],
                    TimeSpan.FromMinutes(3), "five rounds of both trials");

                // Where things live (the trials report their silo; the management grain knows the study's).
                var trialPorts = new Dictionary<int, int>();
                for (var t = 0; t < 2; t++)
                    trialPorts[t] = PortOf((await cluster.Grains.GetGrain<ITrialGrain>(TrialKeys.Of(study, t)).GetStatus()).Silo);
                var studyAddress = await cluster.Grains.GetGrain<IManagementGrain>(0).GetActivationAddress(cluster.Grains.GetGrain<IStudyGrain>(study));
                var studyPort = studyAddress?.Endpoint.Port ?? -1;
                var candidates = cluster.Silos.Where(s => trialPorts.ContainsValue(s.SiloPort)).ToList();
                var victim = candidates.FirstOrDefault(s => (s.SiloPort == studyPort) == withStudy) ?? candidates[0];
                withStudy = victim.SiloPort == studyPort;
                var victimTrials = trialPorts.Where(p => p.Value == victim.SiloPort).Select(p => p.Key).ToList();
                var survivor = cluster.Silos.Single(s => s != victim);

                var killedAt = victim.Kill();
                var cutoff = killedAt + InFlight;
                // The rounds each victim trial had reported (durably: the study stores a report before it answers) by the kill.
                (DateTime At, int Round, double Seconds)? resumed = null;
                var reported = new Dictionary<int, int>();
                await cluster.Until(async () =>
                {
                    var events = await cluster.Events(study);
                    foreach (var t in victimTrials)
                        reported[t] = events.Where(e => e.Trial == t && e.At < cutoff).Select(e => e.Round).DefaultIfEmpty(0).Max();
                    // Every victim trial has a round it had not reported before, stored after the kill.
                    var firsts = victimTrials
                        .Select(t => events.Where(e => e.Trial == t && e.At >= cutoff && e.Round > reported[t]).OrderBy(e => e.At).FirstOrDefault())
                        .ToList();
                    if (firsts.Any(f => f.At == default)) return false;
                    var last = firsts.MaxBy(f => f.At);
                    resumed = (last.At, last.Round, last.Seconds);
                    return true;
                }, TimeSpan.FromSeconds(90), "a resumed round of every trial the killed silo held", poll: TimeSpan.FromMilliseconds(20));

                // The same rounds in the queryable table, which trails the log by up to the flush interval.
                var projected = default(DateTime);
                await cluster.Until(async () =>
                {
                    var firsts = await cluster.Column<DateTime>(
                        "SELECT min(written_at) FROM trial_rounds WHERE study_id = $1 AND trial = ANY($2) AND written_at >= $3 " +
                        "AND round > (CASE trial WHEN $4 THEN $5 ELSE $6 END) GROUP BY trial",
                        study, victimTrials.ToArray(), cutoff, victimTrials[0], reported[victimTrials[0]], victimTrials.Count > 1 ? reported[victimTrials[1]] : 0);
                    if (firsts.Count < victimTrials.Count) return false;
                    projected = firsts.Max();
                    return true;
                }, TimeSpan.FromSeconds(30), "the resumed rounds in trial_rounds", poll: TimeSpan.FromMilliseconds(20));
                var dead = survivor.DeclaredDeadAt();
                var r = (withStudy, Sec(dead - killedAt), Sec(resumed!.Value.At - killedAt), Sec(projected - killedAt), resumed.Value.Seconds);
                results.Add(r);
                Console.WriteLine($"  run={run} killed_silo_held={(withStudy ? "trial+study" : "trial")} trials={string.Join('+', victimTrials)} " +
                                  $"declared_dead_s={r.Item2:F3} resumed_round_stored_s={r.Item3:F3} (round {resumed.Value.Round}, trained in {r.Item5:F3} s) " +
                                  $"in_trial_rounds_s={r.Item4:F3} load={Load()}");
            }
            foreach (var group in new[] { false, true })
            {
                var g = results.Where(r => r.WithStudy == group).ToList();
                if (g.Count == 0) continue;
                Console.WriteLine($"killed silo held {(group ? "a trial and the study" : "a trial"),-22} runs={g.Count} " +
                                  $"median declared_dead_s={Median(g.Select(x => x.Dead)):F3} resumed_round_stored_s={Median(g.Select(x => x.Resumed)):F3} " +
                                  $"in_trial_rounds_s={Median(g.Select(x => x.Projected)):F3} resumed_round_training_s={Median(g.Select(x => x.Training)):F3}");
            }
            Console.WriteLine($"all runs={results.Count} median resumed_round_stored_s={Median(results.Select(x => x.Resumed)):F3} " +
                              $"in_trial_rounds_s={Median(results.Select(x => x.Projected)):F3}");
            return 0;
        }

        public static async Task<int> Scaling(string template, int repeats, int epochs)
        {
            var configs = new (string Name, int Silos, int Slots)[] { ("1 silo x 1 slot", 1, 1), ("2 silos x 1 slot", 2, 1), ("1 silo x 2 slots", 1, 2) };
            Console.WriteLine($"scaling: letter.csv, caviar population 4, {epochs} rounds of 1 epoch per trial, stopping none, no re-test; " +
                              "a 1-round warm-up study on the same cluster first (JIT, dataset load on every silo)");
            var walls = configs.ToDictionary(c => c.Name, _ => new List<double>());
            for (var r = 0; r < repeats; r++)
            {
                // A different order each repeat, so a drift in the machine's load falls on every configuration.
                foreach (var (name, silos, slots) in configs.Skip(r % configs.Length).Concat(configs.Take(r % configs.Length)))
                {
                    await using var cluster = await LocalCluster.Start(template, silos, slots, []);
                    await cluster.RunToEnd($"warm-up-{r}", Specs.Scaling($"warm-up-{r}", 1));
                    var study = $"scaling-{r}";
                    var clock = Stopwatch.StartNew();
                    var running = cluster.RunToEnd(study, Specs.Scaling(study, epochs));
                    // Where the four trials train (sampled once every trial has a round; they stay put until they stop).
                    await cluster.Until(async () => await cluster.Scalar<long>("SELECT count(DISTINCT trial) FROM trial_rounds WHERE study_id = $1", study) >= 4,
                        TimeSpan.FromMinutes(10), "a round of every trial");
                    var placement = new List<int>();
                    for (var t = 0; t < 4; t++)
                        placement.Add(PortOf((await cluster.Grains.GetGrain<ITrialGrain>(TrialKeys.Of(study, t)).GetStatus()).Silo));
                    var spread = string.Join("+", placement.GroupBy(p => p).Select(g => g.Count()).OrderDescending());
                    var phase = await running;
                    var client = clock.Elapsed.TotalSeconds;
                    var own = await cluster.Scalar<double>("SELECT EXTRACT(EPOCH FROM finished_at - started_at)::float8 FROM studies WHERE study_id = $1", study);
                    walls[name].Add(own);
                    Console.WriteLine($"  repeat={r} {name,-17} phase={phase} study_wall_s={own:F2} client_wall_s={client:F2} trials_per_silo={spread} load={Load()}");
                }
            }
            foreach (var (name, _, _) in configs)
                Console.WriteLine($"{name,-17} median_study_wall_s={Median(walls[name]):F2} runs={string.Join(" / ", walls[name].Select(w => w.ToString("F2", CultureInfo.InvariantCulture)))}");
            return 0;
        }

        private static int PortOf(string siloIdentity) =>
            int.Parse(Regex.Match(siloIdentity, @":(\d+)(@|:|$)").Groups[1].Value, CultureInfo.InvariantCulture);

        private static double Sec(TimeSpan t) => t.TotalSeconds;

        private static double Median(IEnumerable<double> values)
        {
            var v = values.Order().ToList();
            return v.Count == 0 ? double.NaN : v.Count % 2 == 1 ? v[v.Count / 2] : (v[v.Count / 2 - 1] + v[v.Count / 2]) / 2;
        }

        private static string Load() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
    }

    internal static class Specs
    {
        public static string Failover(string name) => $$"""
            { "name": "{{name}}", "seed": 7, "data": { "path": "{{Repo.Data("digits.csv")}}" },
              "space": { "learning_rate": { "min": 1e-3, "max": 1e-1 }, "hidden_units": { "min": 32, "max": 96 } },
              "fixed": { "optimizer": "adam", "layers": 2, "batch_size": 64 },
              "strategy": "caviar", "stopping": "none", "retest": { "enabled": false },
              "population": { "size": 2 },
              "budget": { "trials": 2, "epochs_per_round": 1, "max_epochs_per_trial": 2000 } }
            """;

        public static string Scaling(string name, int rounds) => $$"""
            { "name": "{{name}}", "seed": 7, "data": { "path": "{{Repo.Data("letter.csv")}}" },
              "space": { "learning_rate": { "min": 1e-3, "max": 1e-1 } },
              "fixed": { "optimizer": "adam", "layers": 2, "hidden_units": 256, "batch_size": 64 },
              "strategy": "caviar", "stopping": "none", "retest": { "enabled": false },
              "population": { "size": 4 },
              "budget": { "trials": 4, "epochs_per_round": 1, "max_epochs_per_trial": {{rounds}} } }
            """;
    }

    /// <summary>Silo processes on a fresh database, an Orleans client to start studies, and the study tables to read what happened.</summary>
    internal sealed class LocalCluster : IAsyncDisposable
    {
        private static int _clusters;
        private readonly string _template;
        private readonly int _basePort;
        private readonly Dictionary<string, string> _environment;
        private IHost? _client;

        private LocalCluster(string template, string connectionString, string id, int basePort, Dictionary<string, string> environment)
        {
            _template = template;
            ConnectionString = connectionString;
            Id = id;
            _basePort = basePort;
            _environment = environment;
        }

        public string ConnectionString { get; }
        public string Id { get; }
        public List<SiloProcess> Silos { get; } = [];
        public IGrainFactory Grains => _client!.Services.GetRequiredService<IClusterClient>();
        private Serializer Serializer => _client!.Services.GetRequiredService<Serializer>();

        public static async Task<LocalCluster> Start(string template, int silos, int slots, Dictionary<string, string> environment)
        {
            var n = Interlocked.Increment(ref _clusters);
            var id = $"bench_cluster_{Environment.ProcessId}_{n}";
            await using (var admin = new NpgsqlConnection(Admin(template)))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {id} TEMPLATE {new NpgsqlConnectionStringBuilder(template).Database}", admin);
                await create.ExecuteNonQueryAsync();
            }
            var cs = new NpgsqlConnectionStringBuilder(template) { Database = id }.ConnectionString;
            // Ports of their own (the integration tests use 21000+, the orchestration benchmark 21111).
            var cluster = new LocalCluster(template, cs, id, 23000 + (n % 50) * 10, environment);
            var settings = new Dictionary<string, string?>(SiloLog.Settings);
            foreach (var (k, v) in environment) settings[k] = v;
            for (var i = 0; i < silos; i++) cluster.Silos.Add(SiloProcess.Postgres(cs, id, cluster._basePort + 2 * i, cluster._basePort + 2 * i + 1, slots, settings));
            await cluster.Until(async () => await cluster.Scalar<long>(
                    "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Status = 3", id) == silos,
                TimeSpan.FromMinutes(2), $"{silos} active silos");
            await cluster.Connect();
            return cluster;
        }

        private async Task Connect()
        {
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Logging.SetMinimumLevel(LogLevel.Critical);
            builder.UseOrleansClient(client =>
            {
                client.Configure<ClusterOptions>(o => { o.ClusterId = Id; o.ServiceId = Id; });
                client.UsePostgresTuning(ConnectionString);
            });
            _client = builder.Build();
            await _client.StartAsync();
        }

        /// <summary>Starts a study and waits for it to end; returns its phase.</summary>
        public async Task<string> RunToEnd(string study, string spec)
        {
            await Grains.GetGrain<IStudyGrain>(study).Start(spec);
            string? phase = null;
            await Until(async () => (phase = await Scalar<string?>("SELECT phase FROM studies WHERE study_id = $1", study)) is "completed" or "failed" or "cancelled",
                TimeSpan.FromMinutes(30), $"study {study} to end", poll: TimeSpan.FromMilliseconds(100));
            return phase!;
        }

        /// <summary>Every report in the study's durable log, with the time its batch was stored (the study stores a report before it answers it).</summary>
        public async Task<List<(DateTime At, int Trial, int Round, double Seconds)>> Events(string study)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT written_at, payload FROM study_events WHERE study_id = $1 ORDER BY seq", connection);
            command.Parameters.Add(new() { Value = study });
            await using var reader = await command.ExecuteReaderAsync();
            var events = new List<(DateTime, int, int, double)>();
            while (await reader.ReadAsync())
            {
                var at = reader.GetDateTime(0);
                foreach (var e in Serializer.Deserialize<List<StudyEvent>>((byte[])reader[1]) ?? [])
                    if (e is { Kind: StudyEventKind.Report, Metrics: { } m }) events.Add((at, e.Trial, m.Round, m.Seconds));
            }
            return events;
        }

        public Task<List<T>> Column<T>(string sql, params object[] args) => Sql.Column<T>(ConnectionString, sql, args);

        public Task<T> Scalar<T>(string sql, params object[] args) => Sql.Scalar<T>(ConnectionString, sql, args);

        public async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? poll = null)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!await condition())
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"waited {timeout} for {what}\n" +
                                               string.Join("\n", Silos.Select((s, i) => $"--- silo {i} (pid {s.Pid}):\n{string.Join("\n", s.Lines().TakeLast(30))}")));
                await Task.Delay(poll ?? TimeSpan.FromMilliseconds(200));
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_client is not null)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                try { await _client.StopAsync(timeout.Token); } catch (Exception) { /* a silo is gone: nothing to say goodbye to */ }
                _client.Dispose();
            }
            foreach (var silo in Silos)
            {
                silo.Dispose();
                silo.Keep(Id);
            }
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(Admin(_template));
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Id} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        private static string Admin(string template) => new NpgsqlConnectionStringBuilder(template) { Database = "postgres", Pooling = false }.ConnectionString;
    }

    /// <summary>What the benchmark reads from its silos' logs, which they print one line per message, stamped with the UTC time.</summary>
    internal static class SiloLog
    {
        public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Orleans.Tuning"] = "Information",
            // One line per message, stamped with the UTC time it was logged (to the millisecond).
            ["Logging__Console__FormatterName"] = "simple", // without it the options below are ignored
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "yyyy-MM-ddTHH:mm:ss.fffZ ",
            ["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true",
        };

        public static string[] Lines(this SiloProcess silo) => silo.Log.Split(Environment.NewLine)[..^1];

        /// <summary>When this silo's SiloDeathWatcher heard that another silo was declared dead (and woke the running studies).</summary>
        public static DateTime DeclaredDeadAt(this SiloProcess silo)
        {
            var lines = silo.Lines();
            var line = lines.LastOrDefault(l => l.Contains("declared dead", StringComparison.Ordinal))
                       ?? throw new InvalidOperationException("the survivor never logged a silo declared dead:\n" + string.Join("\n", lines.TakeLast(30)));
            return DateTime.Parse(line[..line.IndexOf(' ')], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        /// <summary>The log of a silo that has ended into $BENCH_LOG_DIR, when set.</summary>
        public static void Keep(this SiloProcess silo, string clusterId)
        {
            if (Environment.GetEnvironmentVariable("BENCH_LOG_DIR") is not { Length: > 0 } folder) return;
            Directory.CreateDirectory(folder);
            File.WriteAllLines(Path.Combine(folder, $"{clusterId}-{silo.SiloPort}.log"), silo.Lines());
        }
    }
}
