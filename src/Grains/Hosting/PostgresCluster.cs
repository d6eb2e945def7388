using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Tuning.Grains.Storage;

namespace Orleans.Tuning.Grains.Hosting;

/// <summary>A production cluster: membership, grain state, reminders and study logs in PostgreSQL (the schema of <c>deploy/sql</c>).</summary>
public static class PostgresCluster
{
    private const string Invariant = "Npgsql";

    // Several silos share one server: each process's pool is capped so hundreds of grains re-activating
    // at once queue for connections instead of exhausting the server (53300 too many clients).
    private const int DefaultMaxPoolSize = 40;

    /// <summary>
    /// The connection string with the process's defaults for what it does not set: a pool cap, so every provider in
    /// the process shares one bounded pool; statements prepared once they repeat; and no reset when a connection goes
    /// back to the pool.
    /// </summary>
    /// <remarks>
    /// Every grain-state read and write takes a pooled connection and gives it back. By default Npgsql resets it with
    /// DISCARD ALL (a statement, and a transaction, of its own: half of what the server committed per trial report)
    /// and the server parses and plans each statement anew. Nothing here leaves session state behind, so the reset
    /// buys nothing; measured in bench/Orchestration --postgres, the two defaults halve the server's CPU per report.
    /// </remarks>
    public static string Pooled(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        bool Sets(params string[] keys) => keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
        if (!Sets("Maximum Pool Size", "MaxPoolSize", "Max Pool Size")) builder.MaxPoolSize = DefaultMaxPoolSize;
        if (!Sets("Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!Sets("No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    public static ISiloBuilder UsePostgresTuning(this ISiloBuilder silo, string connectionString, Action<TrainingPoolOptions>? pool = null)
    {
        var cs = Pooled(connectionString);
        silo.UseAdoNetClustering(o => { o.Invariant = Invariant; o.ConnectionString = cs; });
        silo.AddAdoNetGrainStorage(StorageNames.Tuning, o => { o.Invariant = Invariant; o.ConnectionString = cs; });
        silo.Services.AddOptions<AdoNetGrainStorageOptions>(StorageNames.Tuning).UseOrleansSerializer();
        silo.UseAdoNetReminderService(o => { o.Invariant = Invariant; o.ConnectionString = cs; });
        silo.Services.AddSingleton(_ => NpgsqlDataSource.Create(cs));
        silo.Services.AddSingleton<IStudyStore, PostgresStudyStore>();
        silo.Services.AddTuning(pool);
        return silo;
    }

    public static IClientBuilder UsePostgresTuning(this IClientBuilder client, string connectionString)
    {
        var cs = Pooled(connectionString);
        client.UseAdoNetClustering(o => { o.Invariant = Invariant; o.ConnectionString = cs; });
        return client;
    }

    /// <summary>
    /// Membership that declares a killed silo dead in about a second and a hung one in about two, instead of
    /// the defaults' ten seconds and a minute (measured: see the shared notes). Probes are cheap on a small cluster.
    /// </summary>
    public static ISiloBuilder UseFastFailureDetection(this ISiloBuilder silo) =>
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.MaxProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 2;
            // With it on, a hung silo's open connections keep it looking alive for ~8 s.
            o.EnableConnectionLivenessCheck = false;
            o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        });
}
