using Npgsql;
using Orleans.Storage;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Storage;

/// <summary>A silo given a connection string that sets no pool size, as a user's usually does not.</summary>
public sealed class UncappedPostgresSilo : PostgresSilo
{
    protected override string SiloConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(database);
        builder.Remove("Maximum Pool Size");
        return builder.ConnectionString;
    }
}

[Collection(StorageSiloCollection.Name)]
public sealed class ReactivationStormTests(UncappedPostgresSilo silo) : IClassFixture<UncappedPostgresSilo>
{
    // Hundreds of trials re-activating at once (a silo died under a big population) each read and write their state.
    private const int Grains = 400;

    [Fact]
    public async Task A_storm_of_activations_queues_for_the_capped_pool_instead_of_exhausting_the_server()
    {
        var database = new NpgsqlConnectionStringBuilder(silo.ConnectionString).Database;
        await using var watcher = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(silo.ConnectionString) { Pooling = false }.ConnectionString);
        await watcher.OpenAsync();
        var peak = 0;
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", watcher);
                count.Parameters.Add(new() { Value = database! });
                peak = Math.Max(peak, (int)(long)(await count.ExecuteScalarAsync())!);
                await Task.Delay(5);
            }
        });

        var storm = Enumerable.Range(0, Grains).Select(async n =>
        {
            var id = GrainId.Create("tuning.trial", TrialKeys.Of("storm", n));
            var state = new GrainState<TrialGrainState>(new TrialGrainState());
            await silo.Storage.ReadStateAsync("trial", id, state);
            state.State!.Note = $"trial {n} re-activated";
            await silo.Storage.WriteStateAsync("trial", id, state);
            return state.ETag;
        }).ToList();
        var etags = await Task.WhenAll(storm);
        stop.Cancel();
        await watching;

        Assert.All(etags, Assert.NotNull);
        // The process's pool cap (PostgresCluster.Pooled): Npgsql's own default would open up to 100.
        Assert.InRange(peak, 2, 40);
    }
}
