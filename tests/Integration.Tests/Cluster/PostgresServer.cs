using Npgsql;

namespace Orleans.Tuning.Integration.Tests.Cluster;

/// <summary>
/// A PostgreSQL server of these tests' own (its own folder and port, started by the project's script), so
/// restarting it mid-study disturbs no other test assembly. Each cluster gets a fresh database cloned
/// from the schema'd one.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private const int Port = 55441;
    private static readonly string Folder = Path.Combine(Repo.Root, ".postgres-integration");
    private int _databases;

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=orleans_tuning;Pooling=false";

    public async Task InitializeAsync() => await Script("start");

    public async Task DisposeAsync() => await Script("stop");

    public async Task Stop() => await Script("stop");

    public async Task Start() => await Script("start");

    /// <summary>A new database with the whole schema, for one cluster.</summary>
    public async Task<string> NewDatabase()
    {
        var name = $"tuning_it_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE orleans_tuning", connection);
            await create.ExecuteNonQueryAsync();
        }
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Maximum Pool Size=30";
    }

    private static async Task Script(string verb)
    {
        var env = new Dictionary<string, string> { ["TUNING_PG_DIR"] = Folder, ["TUNING_PG_PORT"] = Port.ToString() };
        var (code, output) = await ProcessRunner.Run("bash", [Path.Combine(Repo.Root, "scripts", "postgres.sh"), verb], env, TimeSpan.FromMinutes(5));
        if (code != 0) throw new InvalidOperationException($"scripts/postgres.sh {verb} failed ({code}):\n{output}");
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    // Several silo processes on two cores: the fault tests run one at a time.
    public const string Name = "postgres cluster";
}
