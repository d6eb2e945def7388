using System.Diagnostics;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Grains.Trials;

/// <summary>Trains the batch-norm/softmax network on the trial's dataset, from the silo's dataset cache.</summary>
public sealed class NetworkTrialRunner(DatasetCache datasets) : ITrialRunner
{
    public ITrialSession Open(TrialPlan plan, Model.Search.Configuration hyperparameters, double? learningRate, byte[]? checkpoint) =>
        new Session(plan, hyperparameters, learningRate, checkpoint, datasets);

    private sealed class Session : ITrialSession
    {
        private readonly TrialPlan _plan;
        private readonly Model.Data.PreparedDataset _data;
        private readonly Trainer _trainer;

        public Session(TrialPlan plan, Model.Search.Configuration hyperparameters, double? learningRate, byte[]? checkpoint, DatasetCache datasets)
        {
            _plan = plan;
            _data = datasets.Get(plan.Data);
            var train = _data.Train;
            var (network, training) = TrialSettings.From(hyperparameters, plan.Fixed.Entries.ToDictionary(), train.FeatureCount, train.ClassCount);
            if (learningRate is { } lr) training = training with { LearningRate = lr };
            _trainer = checkpoint is null
                ? new Trainer(network, training, train, plan.Seed)
                : Trainer.Resume(Model.Network.Checkpoint.FromBytes(checkpoint), training, train);
        }

        public RoundMetrics TrainRound(int round)
        {
            var clock = Stopwatch.StartNew();
            var learningRate = _trainer.CurrentLearningRate;
            Evaluation train = default;
            for (var e = 0; e < _plan.EpochsPerRound; e++) train = _trainer.TrainEpoch();
            var validation = _trainer.Network.Evaluate(_data.Validation);
            return new RoundMetrics(round, _trainer.Epoch, train.Loss, validation.Loss, validation.Accuracy, learningRate, clock.Elapsed.TotalSeconds);
        }

        public byte[] Checkpoint() => _trainer.Checkpoint().ToBytes();

        public Evaluation? EvaluateTest() => _data.Test is { Count: > 0 } test ? _trainer.Network.Evaluate(test) : null;
    }
}
