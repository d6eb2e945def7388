using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests.Storage;

public sealed class PostgresStudyStoreTests(PostgresStudyStoreTests.Backend backend) : StudyStoreConformance, IClassFixture<PostgresStudyStoreTests.Backend>
{
    protected override IStudyStore Store => backend.Store;

    // Rows are the batches as they were written: no write ever grows with the study's age by rewriting old rows.
    [Fact]
    public async Task Its_log_rows_are_never_rewritten()
    {
        var id = NewStudyId();
        for (var batch = 0; batch < 250; batch++)
            await Store.AppendEventsAsync(id, batch, [new StudyEvent(StudyEventKind.RetestRequested, -1, null, null)]);
        var firstWritten = await backend.ScalarAsync("SELECT written_at FROM study_events WHERE study_id = $1 AND seq = 0", id);
        await Store.WriteSnapshotAsync(id, new EngineSnapshot(250, [1]));
        await Store.AppendEventsAsync(id, 250, [new StudyEvent(StudyEventKind.RetestRequested, -1, null, null)]);

        Assert.Equal(251L, await backend.ScalarAsync("SELECT count(*) FROM study_events WHERE study_id = $1", id));
        Assert.Equal(firstWritten, await backend.ScalarAsync("SELECT written_at FROM study_events WHERE study_id = $1 AND seq = 0", id));
        Assert.Single(await Store.ReadEventsAsync(id, 250));
    }

    // A study that moves to another silo reads its log there through a store that has counted nothing.
    [Fact]
    public async Task Another_process_reads_the_same_log()
    {
        var id = NewStudyId();
        var events = Enumerable.Range(0, 230).Select(i => new StudyEvent(StudyEventKind.Report, i, new RoundMetrics(1, 1, 0.5, 0.5, 0.5, 0.01, 1), null)).ToList();
        for (var i = 0; i < events.Count; i++) await Store.AppendEventsAsync(id, i, [events[i]]);

        var elsewhere = backend.NewStore();
        await elsewhere.AppendEventsAsync(id, 229, [events[229], new StudyEvent(StudyEventKind.Expired, -1, null, "cancelled")]);

        var read = await elsewhere.ReadEventsAsync(id);
        DeepAssert.Equal(events, read.Take(230));
        Assert.Equal(StudyEventKind.Expired, read[^1].Kind);
        Assert.Equal(231, read.Count);
    }

    /// <summary>A database of the class's own, and a store on it as a silo builds one: Npgsql data source and Orleans' serializer.</summary>
    public sealed class Backend : IAsyncLifetime
    {
        private readonly PostgresDatabase _database = new();
        private readonly List<NpgsqlDataSource> _sources = [];
        private Serializer _serializer = null!;

        public PostgresStudyStore Store { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await _database.InitializeAsync();
            _serializer = new ServiceCollection()
                .AddSerializer(s => s.AddAssembly(typeof(PostgresStudyStore).Assembly))
                .BuildServiceProvider()
                .GetRequiredService<Serializer>();
            Store = NewStore();
        }

        public PostgresStudyStore NewStore()
        {
            var source = NpgsqlDataSource.Create(_database.ConnectionString);
            _sources.Add(source);
            return new PostgresStudyStore(source, _serializer);
        }

        public async Task<object?> ScalarAsync(string sql, string studyId)
        {
            await using var command = _sources[0].CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = studyId });
            return await command.ExecuteScalarAsync();
        }

        public async Task DisposeAsync()
        {
            foreach (var s in _sources) await s.DisposeAsync();
            await _database.DisposeAsync();
        }
    }
}
