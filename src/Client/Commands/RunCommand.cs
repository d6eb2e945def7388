using System.ComponentModel;
using Orleans.Tuning.Client.Dashboard;
using Orleans.Tuning.Client.Hosting;
using Orleans.Tuning.Client.Results;
using Orleans.Tuning.Client.Specs;
using Orleans.Tuning.Client.Watching;
using Orleans.Tuning.Display.StudyPage;
using Orleans.Tuning.Grains;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>`tune run SPEC`: validate, run the study on a silo in this process, watch it, write its results.</summary>
/// <remarks>
/// Run is submit + watch + export against the embedded cluster; each step is its own type
/// (<see cref="ITuningCluster"/>, <see cref="StudyWatcher"/>, <see cref="ResultsFolder"/>) so the
/// commands for a remote cluster (submit, watch, list, cancel, export with --cluster) reuse them.
/// </remarks>
internal sealed class RunCommand(IAnsiConsole console) : AsyncCommand<RunCommand.Settings>
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public sealed class Settings : SpecSettings
    {
        [CommandOption("--out <DIR>"), Description("Folder for results.csv, best.json, the plots, report.html and silo.log (default: results/STUDY-ID)")]
        public string? Out { get; init; }

        [CommandOption("--slots <N>"), Description("Training slots of the embedded silo: rounds trained at once (default: one per core)")]
        public int? Slots { get; init; }

        [CommandOption("--dashboard"), Description("Serve a page of the study's trials and curves, updating live, on 127.0.0.1 while it runs (the address is printed)")]
        public bool Dashboard { get; init; }

        public override ValidationResult Validate() =>
            Slots is < 1 ? ValidationResult.Error($"--slots must be at least 1, got {Slots}") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellation)
    {
        // Everything is checked before anything starts: a bad spec costs no silo and leaves no folder behind.
        var spec = SpecFile.TryLoad(settings.Spec, console);
        if (spec is null || ClusterWarmStart.RejectedWithoutCluster(spec, settings.Spec, console))
            return ExitCodes.InvalidSpec;
        var datasets = new DatasetCache();
        if (StudyData.Check(spec, datasets, console) is null)
            return ExitCodes.InvalidSpec;

        console.MarkupLineInterpolated($"[grey]matrix provider: {Orleans.Tuning.Model.LinearAlgebra.Gemm.Provider}[/]");
        var id = StudyIds.New(spec.Name, DateTime.UtcNow);
        var folder = Path.GetFullPath(settings.Out ?? Path.Combine("results", id));
        Directory.CreateDirectory(folder);
        var log = Path.Combine(folder, "silo.log");
        try
        {
            await using var cluster = await EmbeddedCluster.StartAsync(settings.Slots ?? Environment.ProcessorCount, log, datasets, cancellation);
            var study = cluster.Grains.GetGrain<IStudyGrain>(id);
            await study.Start(spec.ToNormalizedText());
            await using var page = settings.Dashboard ? await StudyPageServer.StartAsync(new GrainStudySource(cluster.Grains), 0, cancellation) : null;
            if (page is not null)
                console.PlainLine($"study page: {page.PageOf(id)}");
            var watcher = new StudyWatcher(study, PollInterval);
            var (_, cancelledByUser) = await StudyViews.For(console).ShowWhile(show => watcher.WatchAsync(show, cancellation));

            var results = await study.GetResults();
            var paths = LongOperation.Run(console, "writing results and plots",
                step => ResultsFolder.Write(folder, results, spec.Objective.Metric.ToString().ToLowerInvariant(), step));
            ResultsSummary.Print(console, results, paths);
            return cancelledByUser ? ExitCodes.Cancelled
                : results.Status.Phase == StudyPhase.Completed ? ExitCodes.Ok
                : ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            console.PlainLine("cancelled before the study started; nothing to write");
            return ExitCodes.Cancelled;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The command line is the last place to catch: say what failed and where the silo's own account is.
            console.PlainLine($"error: {e.GetType().Name}: {e.Message}");
            if (File.Exists(log))
                console.PlainLine($"see {log}");
            return ExitCodes.Failed;
        }
    }
}
