using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Bench.Search;

/// <summary>What one study achieved: its answer's test and validation accuracy, and both over epochs.</summary>
/// <param name="FinalValidation">The validation accuracy the study ends with: its answer's, as its results report it.</param>
/// <param name="BestValidation">The highest validation accuracy any round of any of its search trials measured.</param>
/// <param name="LeaderValidationCurve">After each round, the validation accuracy of the configuration the study would answer with then.</param>
/// <param name="Curve">After each round, the highest validation accuracy measured so far in any round of a search trial.</param>
/// <param name="LeaderTestCurve">After each round, the test accuracy of the configuration the study would answer with then: measured by
/// the bench for this table only, never shown to the study.</param>
internal sealed record StudyOutcome(double TestAccuracy, double FinalValidation, double BestValidation, int EpochsUsed,
    IReadOnlyList<(int Epochs, double Validation)> LeaderValidationCurve, IReadOnlyList<(int Epochs, double Best)> Curve,
    IReadOnlyList<(int Epochs, double Test)> LeaderTestCurve)
{
    public int? EpochsToTarget { get; init; }
    public int? EpochsToBestMeasured { get; init; }
    public int? EpochsToTestTarget { get; init; }

    /// <summary>The first epoch count at which the study's answer at that moment scored at least <paramref name="target"/> on validation.</summary>
    public int? EpochsToReach(double target) => First(LeaderValidationCurve, target);

    /// <summary>The first epoch count at which any round of a search trial measured at least <paramref name="target"/> on validation.</summary>
    public int? EpochsToMeasure(double target) => First(Curve, target);

    /// <summary>The first epoch count at which the study's answer at that moment tested at least <paramref name="target"/>.</summary>
    public int? EpochsToTest(double target) => First(LeaderTestCurve, target);

    private static int? First(IReadOnlyList<(int Epochs, double Value)> curve, double target) =>
        curve.FirstOrDefault(c => c.Value >= target - 1e-12) is { Epochs: > 0 } hit ? hit.Epochs : null;
}

/// <summary>Plays the grains' part for one study, in order and on one thread: trains each round, reports it, carries out the decision.</summary>
/// <param name="searchSplit">The train/validation split of every search trial (re-tests keep their fresh ones): the league's seed, so a
/// baseline drawn from another stream is scored on the same validation rows as the strategies it is the bar for.</param>
internal sealed class StudyRun(StudySpec spec, StudyStrategy strategy, BenchData data, int searchSplit)
{
    private readonly StudyEngine _engine = new(spec, strategy);
    private readonly Queue<(int Trial, int Round)> _pending = [];
    private readonly Dictionary<int, Trial> _trials = [];
    private readonly List<(int, double)> _curve = [];
    private readonly List<(int, double)> _leaderTest = [];
    private readonly List<(int, double)> _leaderValidation = [];
    private double _best = double.NegativeInfinity;

    public StudyOutcome Run()
    {
        Apply(_engine.Start());
        while (_pending.TryDequeue(out var next))
        {
            var t = _trials[next.Trial];
            t.Trainer.TrainEpoch();
            var validation = t.Trainer.Network.Evaluate(t.Data.Validation);
            t.Checkpoints[next.Round] = t.Trainer.Checkpoint();
            t.Checkpoints.Remove(next.Round - 2);
            var report = new RoundReport(next.Round, t.Trainer.Epoch, validation.Loss, validation.Loss, validation.Accuracy, t.Trainer.Training.LearningRate);
            if (_engine.Trials[next.Trial].Kind == TrialKind.Search && double.IsFinite(validation.Loss)) _best = Math.Max(_best, validation.Accuracy);
            Apply(_engine.Report(next.Trial, report));
            _curve.Add((_engine.EpochsUsed, _best));
            _leaderTest.Add((_engine.EpochsUsed, LeaderTest()));
            _leaderValidation.Add((_engine.EpochsUsed, LeaderValidation()));
        }
        // The chosen configuration meets the test part once, as its trial grain would measure it.
        return new StudyOutcome(LeaderTest(), LeaderValidation(), _best, _engine.EpochsUsed, _leaderValidation, _curve, _leaderTest);
    }

    // What the study reports for its answer: the mean of its runs, re-tests included.
    private double LeaderValidation() => _engine.Leader?.Mean ?? double.NaN;

    private double LeaderTest()
    {
        var leader = _engine.Leader is { } l ? _trials[l.Trial] : null;
        return leader is null ? double.NaN : leader.Trainer.Network.Evaluate(leader.Data.Test!).Accuracy;
    }

    private void Apply(EngineStep step)
    {
        foreach (var launch in step.Launches)
        {
            var prepared = data.Split(launch.Kind == TrialKind.Search ? searchSplit : launch.SplitSeed);
            var (network, training) = Settings(launch.Hyperparameters, prepared);
            _trials[launch.Number] = new Trial(new Trainer(network, training, prepared.Train, launch.Seed), prepared);
            _pending.Enqueue((launch.Number, 1));
        }
        foreach (var d in step.Decisions)
        {
            var t = _trials[d.Trial];
            switch (d.Decision)
            {
                case Decision.Continue:
                    _pending.Enqueue((d.Trial, d.Round + 1));
                    break;
                case Decision.Exploit e:
                    var source = _trials[e.SourceTrial].Checkpoints[e.SourceRound];
                    var (_, training) = Settings(e.Hyperparameters, t.Data);
                    t.Trainer = Trainer.Resume(source, training, t.Data.Train);
                    _pending.Enqueue((d.Trial, d.Round + 1));
                    break;
                case Decision.SetLearningRate s:
                    t.Trainer.Training = t.Trainer.Training with { LearningRate = s.LearningRate };
                    _pending.Enqueue((d.Trial, d.Round + 1));
                    break;
                case Decision.Rollback r:
                    var before = t.Checkpoints.GetValueOrDefault(d.Round - 1);
                    var (fresh, restart) = Settings(_engine.Trials[d.Trial].Hyperparameters, t.Data);
                    restart = restart with { LearningRate = r.LearningRate };
                    t.Trainer = before is null
                        ? new Trainer(fresh, restart, t.Data.Train, _engine.Trials[d.Trial].Launch.Seed)
                        : Trainer.Resume(before, restart, t.Data.Train);
                    _pending.Enqueue((d.Trial, d.Round));
                    break;
            }
        }
    }

    private (NetworkConfig, TrainingConfig) Settings(Configuration hyperparameters, PreparedDataset prepared) =>
        TrialSettings.From(hyperparameters, spec.Fixed, prepared.FeatureCount, prepared.ClassCount);

    private sealed class Trial(Trainer trainer, PreparedDataset data)
    {
        public Trainer Trainer { get; set; } = trainer;
        public PreparedDataset Data { get; } = data;
        public Dictionary<int, Checkpoint> Checkpoints { get; } = [];
    }
}
