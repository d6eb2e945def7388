using System.Diagnostics;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;
using Orleans.Tuning.Model.Synthetic;

/// <summary>
/// What a study costs to bring back on another silo, in the engine alone: replaying its whole log, or restoring its
/// engine snapshot (the study grain then replays only the events after it). Synthetic trials, so the histories are
/// built in seconds: a long study of a cheap sampler, and a short one of the Gaussian process, whose every replayed
/// suggestion refits and searches the model again.
/// </summary>
internal static class EngineRestore
{
    private const int Repeats = 3;

    public static void Run()
    {
        var branin = SyntheticObjective.All["branin"];
        Measure("caviar, random sampler", SyntheticStudy.Spec(branin, new SamplerSpec(SamplerKind.Random), 100_000, seed: 1, StudyStrategy.Caviar, population: 100));
        Measure("panda, GP sampler", SyntheticStudy.Spec(branin, new SamplerSpec(SamplerKind.GaussianProcess), 200, seed: 1));
    }

    private static void Measure(string name, StudySpec spec, SyntheticObjective? objective = null)
    {
        objective ??= SyntheticObjective.All["branin"];
        var (engine, events) = Record(spec, objective);
        var replay = Median(() => Replay(spec, events));
        byte[] snapshot = [];
        var take = Median(() => snapshot = engine.Snapshot());
        var restore = Median(() => StudyEngine.Restore(spec, spec.Strategy, snapshot));
        Console.WriteLine($"engine_restore study=\"{name}\" trials={engine.Trials.Count} events={events.Count} replay_seconds={replay:F3} " +
                          $"snapshot_seconds={take:F3} snapshot_bytes={snapshot.Length} restore_seconds={restore:F3} speedup={replay / restore:F0}x");
    }

    private static (StudyEngine, List<(int Trial, RoundReport Report)>) Record(StudySpec spec, SyntheticObjective objective)
    {
        var engine = new StudyEngine(spec, spec.Strategy);
        var events = new List<(int, RoundReport)>();
        var queue = new Queue<TrialLaunch>(engine.Start().Launches);
        while (queue.TryDequeue(out var launch))
        {
            var value = objective.Evaluate(launch.Hyperparameters);
            var report = new RoundReport(1, 1, value, value, 0, 0);
            events.Add((launch.Number, report));
            foreach (var next in engine.Report(launch.Number, report).Launches) queue.Enqueue(next);
        }
        return (engine, events);
    }

    private static StudyEngine Replay(StudySpec spec, List<(int Trial, RoundReport Report)> events)
    {
        var engine = new StudyEngine(spec, spec.Strategy);
        engine.Start();
        foreach (var (trial, report) in events) engine.Report(trial, report);
        return engine;
    }

    private static double Median(Action action)
    {
        var seconds = new List<double>();
        for (var i = 0; i < Repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return seconds.Order().ElementAt(Repeats / 2);
    }
}
