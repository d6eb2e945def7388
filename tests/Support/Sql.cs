using Npgsql;

namespace Orleans.Tuning.Testing;

/// <summary>One query on a connection of its own, its arguments bound to $1, $2, ...</summary>
public static class Sql
{
    public static async Task<T> Scalar<T>(string connectionString, string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, args);
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)value;
    }

    /// <summary>The first column of every row, in the order the query gives.</summary>
    public static async Task<List<T>> Column<T>(string connectionString, string sql, params object[] args)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = Command(connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] args)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var a in args) command.Parameters.Add(new() { Value = a });
        return command;
    }
}
