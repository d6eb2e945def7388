using System.ComponentModel;
using Orleans.Tuning.Client.Hosting;
using Orleans.Tuning.Client.Results;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>`tune export ID --out DIR`: results.csv and best.json of a study, from the cluster's database (no silo needed).</summary>
internal sealed class ExportCommand(IAnsiConsole console) : AsyncCommand<ExportCommand.Settings>
{
    public sealed class Settings : StudySettings
    {
        [CommandOption("--out <DIR>"), Description("Folder for results.csv and best.json (default: results/STUDY-ID)")]
        public string? Out { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        await using var archive = StudyArchive.Open(settings.ConnectionString!);
        Grains.Studies.StudyResults? results;
        try
        {
            results = await archive.Store.ReadResultsAsync(settings.StudyId);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            console.PlainLine($"error: cannot read the cluster's database: {e.Message}");
            return ExitCodes.Unreachable;
        }
        if (results is null)
        {
            console.PlainLine($"error: no study '{settings.StudyId}' in the cluster's database (tune list shows them)");
            return ExitCodes.Failed;
        }
        var folder = Path.GetFullPath(settings.Out ?? Path.Combine("results", settings.StudyId));
        var paths = ResultsFolder.Write(folder, results, results.Status.Objective);
        ResultsSummary.Print(console, results, paths);
        return ExitCodes.Ok;
    }
}
