using System.ComponentModel;
using Orleans.Tuning.Client.Hosting;
using Orleans.Tuning.Client.Specs;
using Orleans.Tuning.Grains;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>`tune submit SPEC --cluster ...`: validate the spec and its data, start the study on the cluster, print its id.</summary>
internal sealed class SubmitCommand(IAnsiConsole console) : AsyncCommand<SubmitCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandArgument(0, "<SPEC>"), Description("The study spec, YAML or JSON; data paths in it are relative to its folder and must be readable by every silo")]
        public string Spec { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        // Checked here before the cluster hears of it: a bad spec or dataset costs no study.
        var spec = SpecFile.TryLoad(settings.Spec, console);
        if (spec is null || StudyData.Check(spec, new DatasetCache(), console) is null)
            return ExitCodes.InvalidSpec;
        if (settings.ConnectionString is { } connection)
        {
            var (resolved, exitCode) = await ClusterWarmStart.ResolveAsync(spec, settings.Spec, connection, console);
            if (resolved is null)
                return exitCode;
            spec = resolved;
        }
        return await ClusterCommand.Run(console, settings, cancellation, async cluster =>
        {
            var id = StudyIds.New(spec.Name, DateTime.UtcNow);
            var status = await cluster.Grains.GetGrain<IStudyGrain>(id).Start(spec.ToNormalizedText());
            console.PlainLine(id);
            console.MarkupLineInterpolated($"[grey]{status.Strategy} ({status.StrategyReason}); follow it with: tune watch {id}[/]");
            return ExitCodes.Ok;
        });
    }
}
