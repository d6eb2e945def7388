using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Tuning.Grains.Hosting;
using Orleans.Tuning.Grains.Storage;

namespace Orleans.Tuning.Client.Hosting;

/// <summary>The studies kept in a cluster's database, read without any silo: `list` and `export` work after the cluster is gone.</summary>
internal sealed class StudyArchive : IAsyncDisposable
{
    private readonly ServiceProvider services;

    private StudyArchive(ServiceProvider services) => this.services = services;

    public IStudyStore Store => services.GetRequiredService<IStudyStore>();

    public static StudyArchive Open(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddSerializer();
        services.AddSingleton(_ => NpgsqlDataSource.Create(PostgresCluster.Pooled(connectionString)));
        services.AddSingleton<IStudyStore, PostgresStudyStore>();
        return new StudyArchive(services.BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();
}
