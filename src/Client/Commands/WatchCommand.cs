using Orleans.Tuning.Client.Hosting;
using Orleans.Tuning.Client.Results;
using Orleans.Tuning.Client.Watching;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>`tune watch ID`: the live view of a study on the cluster; Ctrl-C stops watching and leaves the study running.</summary>
internal sealed class WatchCommand(IAnsiConsole console) : AsyncCommand<StudySettings>
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public override Task<int> ExecuteAsync(CommandContext context, StudySettings settings, CancellationToken cancellation) =>
        ClusterCommand.Run(console, settings, cancellation, async cluster =>
        {
            var study = cluster.Grains.GetGrain<IStudyGrain>(settings.StudyId);
            if ((await study.GetStatus()).Phase == StudyPhase.NotStarted)
            {
                console.PlainLine($"error: no study '{settings.StudyId}' on this cluster (tune list shows them)");
                return ExitCodes.Failed;
            }
            var watcher = new StudyWatcher(study, PollInterval, detachOnInterrupt: true);
            var (status, detached) = await StudyViews.For(console).ShowWhile(show => watcher.WatchAsync(show, cancellation));
            if (detached)
            {
                console.PlainLine($"stopped watching; study {status.Id} goes on (tune watch {status.Id} to follow it again)");
                return ExitCodes.Cancelled;
            }
            ResultsSummary.Print(console, await study.GetResults(), []);
            return status.Phase switch
            {
                StudyPhase.Completed => ExitCodes.Ok,
                StudyPhase.Cancelled => ExitCodes.Cancelled,
                _ => ExitCodes.Failed,
            };
        });
}
