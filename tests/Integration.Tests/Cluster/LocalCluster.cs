using Npgsql;

namespace Orleans.Tuning.Integration.Tests.Cluster;

/// <summary>Several silo processes sharing one fresh database, the real `tune` client, and the study tables to read what happened.</summary>
internal sealed class LocalCluster : IAsyncDisposable
{
    private static readonly Dictionary<string, string?> SiloSettings = new()
    {
        // Small, so a study that moves to a survivor restores an engine snapshot and replays only the events after it.
        ["Tuning__Study__SnapshotMinEvents"] = "8",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Orleans.Tuning"] = "Information",
    };

    private static int _clusters;
    private readonly int _basePort;

    private LocalCluster(string connectionString, string clusterId, int basePort)
    {
        ConnectionString = connectionString;
        ClusterId = clusterId;
        _basePort = basePort;
    }

    public string ConnectionString { get; }
    public string ClusterId { get; }
    public List<SiloProcess> Silos { get; } = [];

    public static async Task<LocalCluster> Start(PostgresServer server, int silos)
    {
        var n = Interlocked.Increment(ref _clusters);
        // Ports of their own per cluster, so a test's silos never meet a previous test's lingering ones.
        var cluster = new LocalCluster(await server.NewDatabase(), $"it-{Environment.ProcessId}-{n}", 21000 + n * 10);
        try
        {
            for (var i = 0; i < silos; i++) cluster.AddSilo();
            await cluster.WaitForLiveSilos();
            return cluster;
        }
        catch
        {
            // The test never gets the cluster to dispose: its silos are stopped here, or they would outlive the run.
            await cluster.DisposeAsync();
            throw;
        }
    }

    public SiloProcess AddSilo()
    {
        var index = Silos.Count;
        var silo = SiloProcess.Postgres(ConnectionString, ClusterId, _basePort + 2 * index, _basePort + 2 * index + 1, settings: SiloSettings);
        Silos.Add(silo);
        return silo;
    }

    /// <summary>`tune ARGS --cluster ...` as a process, as a user would type it.</summary>
    public Task<(int ExitCode, string Output)> Tune(params string[] args) =>
        ProcessRunner.Run("dotnet", [Repo.TuneDll, .. args, "--cluster", ConnectionString, "--cluster-id", ClusterId, "--service-id", ClusterId]);

    public async Task<string> Submit(string specPath)
    {
        var (code, output) = await Tune("submit", specPath);
        Assert.True(code == 0, $"submit exited {code}:\n{output}");
        return output.Split('\n')[0].Trim();
    }

    /// <summary>Waits until exactly the silos still running are Active in the membership table (the others declared dead).</summary>
    public async Task WaitForLiveSilos(TimeSpan? timeout = null)
    {
        var live = Silos.Where(s => !s.HasExited).Select(s => s.SiloPort).Order().ToList();
        await Until(async () =>
            {
                var active = await Column<int>("SELECT Port FROM OrleansMembershipTable WHERE DeploymentId = $1 AND Status = 3 ORDER BY Port", ClusterId);
                return active.SequenceEqual(live);
            },
            timeout ?? TimeSpan.FromSeconds(90), $"exactly the silos on ports {string.Join(", ", live)} to be active");
    }

    public async Task<string?> Phase(string study) => await Scalar<string?>("SELECT phase FROM studies WHERE study_id = $1", study);

    public async Task<long> Rounds(string study) => await Scalar<long>("SELECT count(*) FROM trial_rounds WHERE study_id = $1", study);

    public async Task<string> WaitForEnd(string study, TimeSpan? timeout = null)
    {
        await Until(async () => await Phase(study) is "completed" or "failed" or "cancelled", timeout ?? TimeSpan.FromMinutes(3), $"study {study} to end");
        return (await Phase(study))!;
    }

    /// <summary>Every row of trial_rounds as (trial, seq, round, epochs, accuracy, decision), in order.</summary>
    public async Task<List<(int Trial, int Seq, int Round, int Epochs, double Accuracy, string Decision)>> RoundRows(string study)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT trial, seq, round, epochs, validation_accuracy, decision FROM trial_rounds WHERE study_id = $1 ORDER BY trial, seq", connection);
        command.Parameters.Add(new() { Value = study });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int, int, int, double, string)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), reader.GetDouble(4), reader.GetString(5)));
        return rows;
    }

    public async Task<(int? Trial, double? Score)> Best(string study)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT best_trial, best_score FROM studies WHERE study_id = $1", connection);
        command.Parameters.Add(new() { Value = study });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"no row for study {study}");
        return (reader.IsDBNull(0) ? null : reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetDouble(1));
    }

    public Task<List<T>> Column<T>(string sql, params object[] args) => Sql.Column<T>(ConnectionString, sql, args);

    public Task<T> Scalar<T>(string sql, params object[] args) => Sql.Scalar<T>(ConnectionString, sql, args);

    /// <summary>Polls <paramref name="condition"/> until it holds; a bounded wait that fails saying what it waited for, with the silos' logs.</summary>
    public async Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException && DateTime.UtcNow < deadline) { } // the server may be restarting on purpose
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"waited {timeout} for {what}\n" + string.Join("\n", Silos.Select((s, i) => $"--- silo {i} (pid {s.Pid}):\n{Tail(s.Log)}")));
            await Task.Delay(200);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var silo in Silos) silo.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Tail(string log) => string.Join("\n", log.Split('\n').TakeLast(40));
}
