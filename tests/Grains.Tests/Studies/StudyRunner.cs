using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Grains.Tests.Studies;

/// <summary>Starts studies on the test cluster from YAML and waits for them, as the console would.</summary>
internal static class StudyRunner
{
    public static string DataFolder { get; } = FindDataFolder();

    public static async Task<(IStudyGrain Study, StudyStatus Final, List<StudyStatus> Seen)> Run(
        IGrainFactory grains, string id, string yaml, TimeSpan? timeout = null, Func<StudyStatus, Task>? onPoll = null)
    {
        var spec = StudySpecParser.Parse(yaml, id + ".yaml", DataFolder);
        var study = grains.GetGrain<IStudyGrain>(id);
        var status = await study.Start(spec.ToNormalizedText());
        var seen = new List<StudyStatus> { status };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        while (status.Phase == StudyPhase.Running)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"study {id} still running: {status.TrialsLaunched} trials, {status.EpochsUsed} epochs");
            await Task.Delay(50);
            status = await study.GetStatus();
            seen.Add(status);
            if (onPoll is not null) await onPoll(status);
        }
        return (study, status, seen);
    }

    private static string FindDataFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "data", "iris.csv"))) return Path.Combine(dir.FullName, "data");
        throw new DirectoryNotFoundException("no data/iris.csv above the test assembly");
    }
}
