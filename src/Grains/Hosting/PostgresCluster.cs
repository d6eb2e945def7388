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

    /// <summary>The connection string with a pool cap unless it sets one, so every provider in the process shares one bounded pool.</summary>
    public static string Pooled(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Maximum Pool Size", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxPoolSize", StringComparison.OrdinalIgnoreCase))
            builder.MaxPoolSize = DefaultMaxPoolSize;
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
