using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Tests.Storage;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests;

/// <summary>One real Orleans test cluster (in-memory storage, whose reads a test can fail) shared by the grain tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public TestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(initialSilosCount: 1);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.StopAllSilosAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        private const string MemoryStorage = "memory";

        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorage(MemoryStorage, o => o.UseOrleansSerializer());
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Tuning,
                (services, _) => new FlakyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(MemoryStorage)));
            silo.UseInMemoryReminderService();
            silo.Services.AddTuning(o => o.Slots = 2);
            // The test cluster brings its own clustering, so it takes the embedded silo's parts one by one.
            silo.Services.AddSingleton<ITrialRunner, TestRunners>();
            silo.Services.AddSingleton<Grains.Storage.IStudyStore, Studies.GatedStudyStore>();
            silo.Services.Configure<StudyOptions>(o =>
            {
                o.FlushInterval = TimeSpan.FromMilliseconds(100);
                o.ClockInterval = TimeSpan.FromMilliseconds(100);
                // Small, so studies that restart in these tests restore a snapshot and replay only what followed it.
                o.SnapshotMinEvents = 10;
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
