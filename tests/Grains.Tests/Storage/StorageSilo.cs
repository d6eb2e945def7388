using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Orleans.Tuning.Grains.Hosting;

namespace Orleans.Tuning.Grains.Tests.Storage;

/// <summary>One test-cluster silo built by a host's own configuration (UseEmbeddedTuning, UsePostgresTuning), for tests that reach its services.</summary>
public abstract class StorageSilo : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IServiceProvider Services => Cluster.Silos[0].ServiceProvider;

    /// <summary>The storage provider the grains' state goes to.</summary>
    public IGrainStorage Storage => Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Tuning);

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    protected abstract Task<Action<InProcessTestSiloSpecificOptions, ISiloBuilder>> ConfigureAsync();

    public virtual async Task InitializeAsync()
    {
        var configure = await ConfigureAsync();
        var builder = new InProcessTestClusterBuilder(1);
        // No client: tests call in from the silo.
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSilo(configure);
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}

/// <summary>The embedded default: in-memory grain state.</summary>
public sealed class MemorySilo : StorageSilo
{
    protected override Task<Action<InProcessTestSiloSpecificOptions, ISiloBuilder>> ConfigureAsync() =>
        Task.FromResult<Action<InProcessTestSiloSpecificOptions, ISiloBuilder>>((o, silo) => silo.UseEmbeddedTuning(o.SiloPort, o.GatewayPort));
}

/// <summary>The production host: grain state (and clustering) in PostgreSQL, in a database of its own.</summary>
public class PostgresSilo : StorageSilo
{
    private readonly PostgresDatabase _database = new();

    /// <summary>The silo's own database (as the tests reach it, without what a subclass puts between).</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <summary>Where the silo connects; a subclass may put something between it and the database.</summary>
    protected virtual string SiloConnectionString(string database) => database;

    protected override async Task<Action<InProcessTestSiloSpecificOptions, ISiloBuilder>> ConfigureAsync()
    {
        await _database.InitializeAsync();
        var cs = SiloConnectionString(_database.ConnectionString);
        return (_, silo) => silo.UsePostgresTuning(cs);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StorageSiloCollection
{
    // Silos start one class at a time: each brings its own threads and timers.
    public const string Name = "storage silos";
}
