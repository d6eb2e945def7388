using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

/// <summary>Plays the world around a study engine: trials "train" by a given objective, reports arrive in a chosen order.</summary>
internal sealed class StudySimulator(StudyEngine engine, Func<TrialLaunch, Configuration, int, double, RoundReport> objective)
{
    private readonly List<(int Trial, int Round)> _pending = [];
    private readonly Dictionary<int, Configuration> _hyperparameters = [];
    private readonly Dictionary<int, double> _learningRates = [];

    public List<(int Trial, int Round, Decision Decision)> Decisions { get; } = [];

    /// <summary>Every report delivered, in order: the events a study grain persists and replays.</summary>
    public List<(int Trial, RoundReport Report)> Reports { get; } = [];
    public int MaxConcurrent { get; private set; }

    public static StudySpec Spec(string yaml) => StudySpecParser.Parse(yaml, "test.yaml");

    /// <summary>Runs to the end; reports are delivered in an order shuffled by <paramref name="orderSeed"/>.</summary>
    public StudyEngine Run(int orderSeed = 0, int maxSteps = 100_000)
    {
        var order = new Random(orderSeed);
        Apply(engine.Start());
        for (var steps = 0; _pending.Count > 0 && steps < maxSteps; steps++)
        {
            var i = order.Next(_pending.Count);
            var (trial, round) = _pending[i];
            _pending.RemoveAt(i);
            var launch = engine.Trials[trial].Launch;
            var report = objective(launch, _hyperparameters[trial], round, _learningRates[trial]);
            Reports.Add((trial, report));
            Apply(engine.Report(trial, report));
        }
        return engine;
    }

    private void Apply(EngineStep step)
    {
        foreach (var l in step.Launches)
        {
            _hyperparameters[l.Number] = l.Hyperparameters;
            _learningRates[l.Number] = engine.Trials[l.Number].LearningRate;
            _pending.Add((l.Number, 1));
        }
        foreach (var d in step.Decisions)
        {
            Decisions.Add((d.Trial, d.Round, d.Decision));
            switch (d.Decision)
            {
                case Decision.Continue:
                    _pending.Add((d.Trial, d.Round + 1));
                    break;
                case Decision.Exploit e:
                    _hyperparameters[d.Trial] = e.Hyperparameters;
                    _learningRates[d.Trial] = engine.Trials[d.Trial].LearningRate;
                    _pending.Add((d.Trial, d.Round + 1));
                    break;
                case Decision.SetLearningRate s:
                    _learningRates[d.Trial] = s.LearningRate;
                    _pending.Add((d.Trial, d.Round + 1));
                    break;
                case Decision.Rollback r:
                    _learningRates[d.Trial] = r.LearningRate;
                    _pending.Add((d.Trial, d.Round));
                    break;
            }
        }
        MaxConcurrent = Math.Max(MaxConcurrent, engine.Trials.Count(t => t.IsActive));
    }

    /// <summary>Accuracy peaks at α = 10⁻², rises a little each round; loss mirrors it.</summary>
    public static RoundReport PeakedObjective(TrialLaunch launch, Configuration h, int round, double learningRate)
    {
        var distance = Math.Abs(Math.Log10(h.GetDouble("learning_rate")) + 2);
        var accuracy = Math.Clamp(0.95 - 0.1 * distance + 0.005 * round, 0, 1);
        return new RoundReport(round, round, 1 - accuracy, 1 - accuracy, accuracy, learningRate);
    }
}
