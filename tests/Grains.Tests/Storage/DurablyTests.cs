using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Storage;

/// <summary><see cref="Durably.WriteAsync"/> against PostgreSQL, with a real lost acknowledgement between the silo and the server.</summary>
[Collection(StorageSiloCollection.Name)]
public sealed class DurablyTests(DurablyTests.LossySilo silo) : IClassFixture<DurablyTests.LossySilo>
{
    [Fact]
    public async Task A_write_whose_acknowledgement_was_lost_lands_once_and_the_grain_writes_on()
    {
        var key = "study-" + Guid.NewGuid().ToString("N") + "/0";
        var writer = silo.Grains.GetGrain<IDurableWriterGrain>(key);
        await writer.Activate();

        silo.Proxy.LoseTheAnswerTo("orleans_storage_write");
        await writer.Write("round 1", 2 << 20);

        Assert.Equal(1, silo.Proxy.AnswersLost);
        var stored = await ReadAsync(key);
        Assert.Equal("round 1", stored.State!.Note);
        Assert.Equal(2 << 20, stored.State.Checkpoint!.Length);
        // Two versions: the write whose answer was lost, then ours put over it once its ETag was read back.
        Assert.Equal("2", stored.ETag);

        // The grain holds the stored ETag again: its next write is an ordinary one.
        await writer.Write("round 2", 1024);
        var next = await ReadAsync(key);
        Assert.Equal("round 2", next.State!.Note);
        Assert.Equal("3", next.ETag);
        Assert.Equal(1, silo.Proxy.AnswersLost);
    }

    private async Task<GrainState<TrialGrainState>> ReadAsync(string key)
    {
        var state = new GrainState<TrialGrainState>(new TrialGrainState());
        await silo.Storage.ReadStateAsync(DurableWriterGrain.StateName, GrainId.Create(DurableWriterGrain.GrainType, key), state);
        return state;
    }

    /// <summary>The production silo, its connections to PostgreSQL relayed through a <see cref="LossyProxy"/>.</summary>
    public sealed class LossySilo : PostgresSilo
    {
        public LossyProxy Proxy { get; private set; } = null!;

        protected override string SiloConnectionString(string database)
        {
            var cs = new NpgsqlConnectionStringBuilder(database);
            Proxy = new LossyProxy(cs.Host!, cs.Port);
            return new NpgsqlConnectionStringBuilder(database) { Host = "127.0.0.1", Port = Proxy.Port, SslMode = SslMode.Disable }.ConnectionString;
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            if (Proxy is not null) await Proxy.DisposeAsync();
        }
    }
}

[Alias("Orleans.Tuning.Tests.IDurableWriterGrain")]
public interface IDurableWriterGrain : IGrainWithStringKey
{
    [Alias("Activate")] Task Activate();

    [Alias("Write")] Task Write(string note, int checkpointBytes);
}

/// <summary>A grain that writes a trial's state as a trial does, through <see cref="Durably"/>.</summary>
[GrainType(DurableWriterGrain.GrainType)]
public sealed class DurableWriterGrain(
    [PersistentState(DurableWriterGrain.StateName, StorageNames.Tuning)] IPersistentState<TrialGrainState> state,
    ILogger<DurableWriterGrain> log) : Grain, IDurableWriterGrain
{
    public const string GrainType = "tests.durable-writer";
    public const string StateName = "durable-writer";

    public Task Activate() => Task.CompletedTask;

    public async Task Write(string note, int checkpointBytes)
    {
        state.State.Note = note;
        state.State.Checkpoint = new byte[checkpointBytes];
        await Durably.WriteAsync(state, log, TimeSpan.FromMinutes(1));
    }
}
