using System.Runtime.CompilerServices;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.LinearAlgebra;
using Orleans.Tuning.Model.Network.Optimizers;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Network;

/// <summary>Trains one network epoch by epoch on a training set; its whole state is a <see cref="Checkpoint"/>.</summary>
public sealed class Trainer
{
    private readonly Rng _rng;
    private readonly MiniBatches _batches;
    private readonly int[] _order;
    private readonly int _parameterCount;
    private TrainingConfig _training;
    private (Optimizer Optimizer, float LearningRate) _update; // the step being applied while it is split across a crew

    // Below this many parameters an update is not worth handing to another core (see docs/benchmarks.md).
    private const long MinimumUpdatePerPart = 1 << 14;

    /// <summary>A fresh network, initialised from <paramref name="seed"/>.</summary>
    public Trainer(NetworkConfig network, TrainingConfig training, Dataset train, ulong seed)
        : this(new Network(network), training, train, new Rng(seed), epoch: 0, steps: 0)
    {
        Network.Initialise(_rng);
    }

    private Trainer(Network network, TrainingConfig training, Dataset train, Rng rng, int epoch, long steps)
    {
        training.Validate();
        if (train.FeatureCount != network.Config.Inputs)
            throw new ArgumentException($"the network takes {network.Config.Inputs} inputs but {train.Source} has {train.FeatureCount} features");
        if (train.Count < 2) throw new ArgumentException($"{train.Source}: at least two training samples are needed");
        Network = network;
        _training = training;
        _rng = rng;
        _batches = new MiniBatches(train, Math.Min(training.BatchSize, train.Count));
        _order = new int[train.Count];
        _parameterCount = network.Parameters.Sum(p => p.Length);
        Epoch = epoch;
        Steps = steps;
    }

    /// <summary>Training resumed exactly where <paramref name="checkpoint"/> left off, possibly with new training settings.</summary>
    public static Trainer Resume(Checkpoint checkpoint, TrainingConfig training, Dataset train)
    {
        var network = new Network(checkpoint.Network);
        checkpoint.CopyInto(network);
        return new Trainer(network, training, train, Rng.FromState(checkpoint.RngState), checkpoint.Epoch, checkpoint.Steps);
    }

    public Network Network { get; }

    /// <summary>Epochs completed so far.</summary>
    public int Epoch { get; private set; }

    /// <summary>Optimizer updates so far (Adam's bias correction counts them).</summary>
    public long Steps { get; private set; }

    /// <summary>The settings for the next epochs; the panda policy changes the learning rate between rounds.</summary>
    public TrainingConfig Training
    {
        get => _training;
        set
        {
            value.Validate();
            if (value.BatchSize != _training.BatchSize)
                throw new ArgumentException("the batch size is fixed for the life of a trainer; resume from a checkpoint to change it");
            _training = value;
        }
    }

    /// <summary>The learning rate the decay schedule gives for the current epoch.</summary>
    public double CurrentLearningRate => _training.Decay.Rate(_training.LearningRate, Epoch);

    /// <summary>One pass over the shuffled training set; returns the mean training loss and accuracy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Evaluation TrainEpoch()
    {
        for (var i = 0; i < _order.Length; i++) _order[i] = i;
        _rng.Shuffle(_order);
        var lr = (float)CurrentLearningRate;
        var optimizer = _training.Optimizer;
        double loss = 0;
        long correct = 0, seen = 0;
        for (var start = 0; start < _order.Length; start += _batches.Size)
        {
            // A short last batch is dropped (PyTorch's drop_last), its samples left to the next epoch's shuffle:
            // batch norm's mean and variance over a handful of samples are noise, and that noise would enter
            // the running averages used at test time. Under half a batch is short; two samples is the floor for a variance.
            if (_order.Length - start < Math.Max(2, _batches.Size / 2)) break;
            var (x, y) = _batches.Gather(_order, start);
            var result = Network.TrainStep(x, y);
            Steps++;
            UpdateParameters(optimizer, lr);
            loss += result.LossSum;
            correct += result.Correct;
            seen += result.Count;
        }
        Epoch++;
        return new Evaluation(loss / seen, (double)correct / seen);
    }

    // Every rule is element by element: the parameters, end to end, split across the round's crew.
    private void UpdateParameters(Optimizer optimizer, float learningRate)
    {
        _update = (optimizer, learningRate);
        Crew.Run(Crew.PartsFor(_parameterCount, MinimumUpdatePerPart), this, static (s, part, parts) => ((Trainer)s).UpdatePart(part, parts));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void UpdatePart(int part, int parts)
    {
        var (optimizer, learningRate) = _update;
        var (from, to) = Crew.Slice(_parameterCount, 16, part, parts);
        var parameters = Network.Parameters;
        var start = 0;
        for (var i = 0; i < parameters.Count; i++) // not foreach: an interface's enumerator is an allocation per step
        {
            var p = parameters[i];
            var (a, b) = (Math.Max(from, start), Math.Min(to, start + p.Length));
            if (a < b) optimizer.Update(p, learningRate, Steps, a - start, b - start);
            start += p.Length;
        }
    }

    public Checkpoint Checkpoint() => Model.Network.Checkpoint.Of(Network, Epoch, Steps, _rng.State);
}
