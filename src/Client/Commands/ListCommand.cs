using System.Globalization;
using Orleans.Tuning.Client.Hosting;
using Orleans.Tuning.Client.Watching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>`tune list`: the studies in a cluster's database, read directly, so it answers even when no silo runs.</summary>
internal sealed class ListCommand(IAnsiConsole console) : AsyncCommand<ClusterSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ClusterSettings settings, CancellationToken cancellation)
    {
        await using var archive = StudyArchive.Open(settings.ConnectionString!);
        IReadOnlyList<Grains.Storage.StudyListing> studies;
        try
        {
            studies = await archive.Store.ListStudiesAsync();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            console.PlainLine($"error: cannot read the cluster's database: {e.Message}");
            return ExitCodes.Unreachable;
        }
        if (studies.Count == 0)
        {
            console.PlainLine("no studies");
            return ExitCodes.Ok;
        }
        foreach (var s in studies)
        {
            console.PlainLine(string.Join("  ",
                s.Id, s.Phase, s.Strategy.ToLowerInvariant(), $"{s.Trials} trials",
                $"best {StatusText.Number(s.BestScore)}", s.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "Z")
                + (s.Message is { } m ? $"  ({m})" : ""));
        }
        return ExitCodes.Ok;
    }
}
