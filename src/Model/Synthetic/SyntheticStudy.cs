using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Synthetic;

/// <summary>What a study on a synthetic objective found: every trial's point and value in launch order.</summary>
public sealed record SyntheticOutcome(IReadOnlyList<double> Values, IReadOnlyList<Search.Configuration> Points)
{
    /// <summary>How many evaluations it took to reach <paramref name="target"/> or below; null if it never did.</summary>
    public int? EvaluationsTo(double target) => Values.Select((v, i) => (v, i)).FirstOrDefault(x => x.v <= target, (0, -1)).Item2 is var i and >= 0 ? i + 1 : null;

    /// <summary>These trials as an earlier study's, for a warm start: the score of a loss is its negative.</summary>
    public WarmStartSpec AsWarmStart(string source) => new(source, [.. Points.Zip(Values, (p, v) => new PriorTrial(p, -v))]);

    /// <summary>The lowest value among the first <paramref name="evaluations"/> trials.</summary>
    public double BestAfter(int evaluations) => Values.Take(evaluations).Min();
}

/// <summary>A study of a synthetic objective run through the real study engine: every trial is one round whose loss is the function's value.</summary>
/// <remarks>
/// It plays the trial grains' part in order, on one thread: the engine launches, each launch is evaluated and
/// reported. Under caviar a whole population is launched before any reports, so samplers meet running trials
/// as they do on a cluster; under panda the trials run one after another.
/// </remarks>
public static class SyntheticStudy
{
    /// <summary>A spec searching <paramref name="objective"/>'s space with <paramref name="evaluations"/> one-round trials; no stopping, no re-tests.</summary>
    /// <param name="generationSize">Trials per region (coarse to fine narrows between generations); null: never narrow.</param>
    public static StudySpec Spec(SyntheticObjective objective, SamplerSpec sampler, int evaluations, int seed,
        StudyStrategy strategy = StudyStrategy.Panda, int population = 2, int? generationSize = null) =>
        new(
            Name: objective.Name,
            Data: DataSpec.OfSynthetic(objective.Name),
            Space: objective.Space,
            Fixed: new Dictionary<string, Search.ParameterValue>(),
            Strategy: strategy,
            Budget: new BudgetSpec(Trials: evaluations, EpochsPerRound: 1, MaxEpochsPerTrial: 1),
            Objective: new ObjectiveSpec(ObjectiveMetric.Loss),
            Stopping: new StoppingSpec(StoppingKind.None),
            Population: new PopulationSpec(Size: population, ReadyEveryRounds: int.MaxValue),
            GenerationSize: generationSize ?? int.MaxValue,
            Retest: new RetestSpec(Enabled: false),
            Seed: seed,
            Sampler: sampler);

    public static SyntheticOutcome Run(StudySpec spec, SyntheticObjective objective) => Run(spec, objective, out _);

    /// <param name="engine">The engine after the study, for what it concluded (its ranking, its Pareto front).</param>
    public static SyntheticOutcome Run(StudySpec spec, SyntheticObjective objective, out StudyEngine engine)
    {
        engine = new StudyEngine(spec, spec.Strategy);
        var values = new List<double>();
        var points = new List<Search.Configuration>();
        var queue = new Queue<TrialLaunch>();
        foreach (var launch in engine.Start().Launches) queue.Enqueue(launch);
        while (queue.TryDequeue(out var launch))
        {
            if (launch.Number != values.Count) throw new InvalidOperationException($"trial {launch.Number} launched out of order");
            var value = objective.Evaluate(launch.Hyperparameters);
            values.Add(value);
            points.Add(launch.Hyperparameters);
            var step = engine.Report(launch.Number, new RoundReport(1, 1, value, value, 0, 0, SecondValue: objective.Second(launch.Hyperparameters)));
            if (step.Decisions.Any(d => d.Decision is not Decision.Stop))
                throw new InvalidOperationException($"trial {launch.Number} was asked to train on: a synthetic trial has one round");
            foreach (var next in step.Launches) queue.Enqueue(next);
        }
        return new SyntheticOutcome(values, points);
    }
}
