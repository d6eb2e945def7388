using System.Diagnostics;
using Npgsql;

namespace Orleans.Tuning.Grains.Tests.Storage;

/// <summary>A real PostgreSQL server for the storage tests, and a fresh database with our schema for each test class.</summary>
/// <remarks>
/// The server is the one named by TUNING_TEST_POSTGRES (scripts/test.sh starts one and sets it); without it,
/// the tests start their own with scripts/postgres.sh in &lt;repo&gt;/.postgres-test on port 55439, so a plain
/// `dotnet test` works too (that server is left running for the next run; `TUNING_PG_DIR=.postgres-test
/// scripts/postgres.sh stop` stops it). No server is a failure, never a skip: a storage test that did not
/// run must not look like one that passed.
/// </remarks>
internal static class PostgresServer
{
    public const string Variable = "TUNING_TEST_POSTGRES";
    private const string TestFolder = ".postgres-test";
    private const string TestPort = "55439";

    private static readonly Lazy<Task<string>> Server = new(FindOrStartAsync);

    /// <summary>A new, empty database with the schema of deploy/sql; its connection string.</summary>
    /// <remarks>
    /// Built from template0 and the SQL files rather than copied from orleans_tuning: a copy needs its source
    /// to have no other sessions, and other test assemblies may be connected to it.
    /// </remarks>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Server.Value;
        var name = "tuning_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = await OpenAsync(server, "postgres"))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0", admin))
            await create.ExecuteNonQueryAsync();

        var database = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 20 }.ConnectionString;
        await using var connection = await OpenAsync(database, name);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot, "deploy", "sql"), "*.sql").Order(StringComparer.Ordinal))
        {
            // One transaction a file, as scripts/postgres.sh apply runs them.
            await using var tx = await connection.BeginTransactionAsync();
            await using (var apply = new NpgsqlCommand(await File.ReadAllTextAsync(file), connection, tx))
                await apply.ExecuteNonQueryAsync();
            await tx.CommitAsync();
        }
        return database;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var admin = await OpenAsync(await Server.Value, "postgres");
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString, string database)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = database, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string> FindOrStartAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            try
            {
                await using var probe = await OpenAsync(given, "postgres");
                return given;
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{Variable} names a PostgreSQL server the storage tests cannot reach ({given}): {e.Message}", e);
            }
        }
        try
        {
            await RunScriptAsync("start");
            return (await RunScriptAsync("url")).Trim();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"The storage tests need a PostgreSQL server and have none: {Variable} is not set, and starting one with " +
                $"`TUNING_PG_DIR={TestFolder} TUNING_PG_PORT={TestPort} bash scripts/postgres.sh start` failed. " +
                "Run the tests with `bash scripts/test.sh`, or set " + Variable + " to an Npgsql connection string " +
                "of a server with the database orleans_tuning.\n" + e.Message, e);
        }
    }

    private static async Task<string> RunScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash", ["scripts/postgres.sh", command])
        {
            WorkingDirectory = RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        start.Environment["TUNING_PG_DIR"] = Path.Combine(RepoRoot, TestFolder);
        start.Environment["TUNING_PG_PORT"] = TestPort;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run bash");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"scripts/postgres.sh {command} exited with {process.ExitCode}:\n{await output}{await errors}");
        return await output;
    }

    private static string RepoRoot { get; } = FindRepoRoot();

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "postgres.sh"))) return dir.FullName;
        throw new DirectoryNotFoundException("no scripts/postgres.sh above the test assembly");
    }
}

/// <summary>One fresh database for one test class, dropped when the class is done.</summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = null!;

    public async Task InitializeAsync() => ConnectionString = await PostgresServer.CreateDatabaseAsync();

    // FORCE ends the sessions still open on it (pooled connections of the class's stores and silos).
    public Task DisposeAsync() => ConnectionString is null ? Task.CompletedTask : PostgresServer.DropDatabaseAsync(ConnectionString);
}
