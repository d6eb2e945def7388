using Orleans.Tuning.Client.Hosting;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>`tune cancel ID`: stops every trial of a study; what it learned stays for `export`.</summary>
internal sealed class CancelCommand(IAnsiConsole console) : AsyncCommand<StudySettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, StudySettings settings, CancellationToken cancellation) =>
        ClusterCommand.Run(console, settings, cancellation, async cluster =>
        {
            var study = cluster.Grains.GetGrain<IStudyGrain>(settings.StudyId);
            if ((await study.GetStatus()).Phase == StudyPhase.NotStarted)
            {
                console.PlainLine($"error: no study '{settings.StudyId}' on this cluster");
                return ExitCodes.Failed;
            }
            var status = await study.Cancel("cancelled by user");
            console.PlainLine($"study {status.Id} {status.Phase.ToString().ToLowerInvariant()}" + (status.Message is { } m ? $" ({m})" : ""));
            return ExitCodes.Ok;
        });
}
