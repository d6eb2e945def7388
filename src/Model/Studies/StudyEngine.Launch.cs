using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Studies;

// What runs next (Ray Tune's searcher side): a caviar population or the next panda, sampled from this
// generation's region, each trial with a seed of its own.
public sealed partial class StudyEngine
{
    // A generation is generation_size trials sampled from one region; under caviar it is made of whole
    // populations, so a generation_size above the population size trains several populations in turn.
    private bool GenerationComplete => _generationTrials.Count >= Spec.GenerationSize;

    private void LaunchNext(StepBuilder step)
    {
        var remaining = Math.Min(Math.Min(SearchTrialsLeft, SamplesLeft), SearchRoundsAffordable);
        if (_noMoreLaunches || remaining <= 0)
        {
            FinalRetestOrFinish(step);
            return;
        }
        if (Strategy == StudyStrategy.Caviar) LaunchPopulation(Math.Min(Spec.Population.Size, remaining), step);
        else LaunchPanda(step);
    }

    private TrialRecord Launch(double[] point, Configuration hyperparameters, TrialKind kind, int? retestOf, int targetRounds, StepBuilder step, int? retestSplit = null)
    {
        var number = _trials.Count;
        var splitSeed = kind == TrialKind.Retest ? retestSplit ?? (int)(SeedFor(number) >> 33) : Spec.Seed;
        var launch = new TrialLaunch(number, hyperparameters, point, SeedFor(number), kind, retestOf, Generation, splitSeed);
        var record = new TrialRecord(launch, LearningRateOf(hyperparameters), targetRounds);
        _trials.Add(record);
        _active.Add(number);
        if (kind == TrialKind.Search) _searchLaunched++;
        step.Launches.Add(launch);
        return record;
    }

    private TrialRecord LaunchSample(double[] point, StepBuilder step)
    {
        var t = Launch(point, Spec.Space.ToConfiguration(point), TrialKind.Search, null, MaxRounds, step);
        _generationTrials.Add(t);
        return t;
    }

    // A grid is its own design: its points are visited as they are, never squeezed into a narrowed region;
    // a model-based sampler concentrates by itself, from the whole history.
    private double[] NextSample() => _sampler switch
    {
        GridSampler grid => grid.Sample(_samples++),
        IModelSampler model => model.Suggest(_samples, ModelHistory(_samples++, out var running), running),
        _ => _regions[^1].Sample(_sampler.Sample(_samples++)),
    };

    /// <summary>Points the sampler can still give: a grid runs out, and so does a model sampler on a space of few values (it never repeats one).</summary>
    private int SamplesLeft => _sampler switch
    {
        GridSampler grid => grid.Count - _samples,
        IModelSampler model => (int)Math.Clamp(model.Capacity - _samples - _priors.Length, 0, int.MaxValue),
        _ => int.MaxValue,
    };

    // With two objectives the sampler sees each trial through this suggestion's own ParEGO weighting of score and cost.
    private List<ScoredPoint> ModelHistory(int index, out List<double[]> running)
    {
        if (!Spec.Objective.HasCost) return SearchHistory(out running);
        var searched = _trials.Where(t => t.Kind == TrialKind.Search).ToList();
        running = [.. searched.Where(t => t.IsActive).Select(t => t.Point)];
        var finished = searched.Where(t => !t.IsActive).Select(t => new TwoObjectiveTrial(t.Point, t.LastScore, CostOf(t))).ToList();
        return ParEgo.Scalarise(finished, Spec.Seed, index);
    }

    // What a model sampler learns from: a warm start's earlier trials, then ended search trials with their last score
    // (NaN when they failed), and the running ones.
    private List<ScoredPoint> SearchHistory(out List<double[]> running)
    {
        var finished = new List<ScoredPoint>(_priors.Length + _trials.Count);
        finished.AddRange(_priors);
        running = [];
        foreach (var t in _trials)
        {
            if (t.Kind != TrialKind.Search) continue;
            if (t.IsActive) running.Add(t.Point);
            else finished.Add(new ScoredPoint(t.Point, t.LastScore));
        }
        return finished;
    }

    // Seeds depend only on the study's seed and the trial's number, so they do not shift when the
    // order of other draws changes, and a re-test (a new number) always gets a fresh seed.
    private ulong SeedFor(int number) => new Rng(((ulong)Spec.Seed << 32) ^ (ulong)number ^ 0x5EED_0000_0000UL).NextUInt64();

    private double LearningRateOf(Configuration hyperparameters) =>
        hyperparameters.Entries.Any(e => e.Key == Hyperparameters.LearningRate.Name) ? hyperparameters.GetDouble(Hyperparameters.LearningRate.Name)
        : Spec.Fixed.TryGetValue(Hyperparameters.LearningRate.Name, out var v) ? v.Number
        : Hyperparameters.LearningRate.Default.Number;
}
