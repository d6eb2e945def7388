using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Network;

/// <summary>The batch-norm/softmax classifier: forward, backward and evaluation on column-per-sample batches.</summary>
/// <remarks>
/// Activations are stored one column per sample (features × batch, column-major), so a sample's
/// features are contiguous: a mini-batch is gathered by copying dataset rows, and batch norm and
/// softmax work on whole vectors. Buffers are made once per batch size and reused, so the training
/// loop does not allocate.
/// </remarks>
public sealed class Network
{
    private readonly HiddenLayer[] _hidden;
    private readonly SoftmaxOutput _output;
    private readonly Dictionary<int, Matrix<float>> _finalGradient = [];

    public Network(NetworkConfig config)
    {
        config.Validate();
        Config = config;
        _hidden = new HiddenLayer[config.HiddenLayers];
        var inputs = config.Inputs;
        for (var l = 0; l < config.HiddenLayers; l++)
        {
            _hidden[l] = new HiddenLayer(l, inputs, config.HiddenUnits, config.BatchNormMomentum, config.BatchNormEpsilon);
            inputs = config.HiddenUnits;
        }
        _output = new SoftmaxOutput(inputs, config.Classes);
        Parameters = [.. _hidden.SelectMany(h => h.Parameters), .. _output.Parameters];
    }

    public NetworkConfig Config { get; }

    /// <summary>Every trainable parameter, in a fixed order (checkpoints rely on it).</summary>
    public IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>Batch-norm running means and variances, layer by layer (checkpoints rely on the order).</summary>
    public IEnumerable<float[]> RunningStatistics => _hidden.SelectMany(h => new[] { h.RunningMean, h.RunningVariance });

    public void Initialise(Rng rng)
    {
        foreach (var h in _hidden) h.Initialise(rng);
        _output.Initialise(rng);
    }

    /// <summary>Forward in training mode and backward: fills every parameter's gradient of the batch-mean loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BatchResult TrainStep(Matrix<float> inputs, ReadOnlySpan<int> labels)
    {
        var activations = inputs;
        foreach (var h in _hidden) activations = h.Forward(activations, training: true);
        var (_, lossSum, correct) = _output.Forward(activations, labels);

        var batch = inputs.ColumnCount;
        var upstream = _hidden.Length > 0 ? _hidden[^1].OutputGradient(batch) : ScratchGradient(inputs);
        _output.Backward(activations, labels, upstream);
        for (var l = _hidden.Length - 1; l >= 0; l--)
        {
            var layerInput = l == 0 ? inputs : _hidden[l - 1].Forwarded(batch);
            _hidden[l].Backward(layerInput, l == 0 ? null : _hidden[l - 1].OutputGradient(batch));
        }
        return new BatchResult(lossSum, correct, batch);
    }

    /// <summary>Forward only. Training mode uses (and updates) batch statistics; inference uses the running ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BatchResult Forward(Matrix<float> inputs, ReadOnlySpan<int> labels, bool training)
    {
        var activations = inputs;
        foreach (var h in _hidden) activations = h.Forward(activations, training);
        var (_, lossSum, correct) = _output.Forward(activations, labels);
        return new BatchResult(lossSum, correct, inputs.ColumnCount);
    }

    /// <summary>Class probabilities of the last forward pass (classes × batch).</summary>
    public Matrix<float> Probabilities(Matrix<float> inputs, bool training)
    {
        var activations = inputs;
        foreach (var h in _hidden) activations = h.Forward(activations, training);
        return _output.Forward(activations, new int[inputs.ColumnCount]).Probabilities;
    }

    /// <summary>Loss and accuracy in inference mode (batch norm on its running statistics).</summary>
    public Evaluation Evaluate(Dataset data, int chunk = 1024)
    {
        double loss = 0;
        long correct = 0;
        var batches = new MiniBatches(data, Math.Min(chunk, Math.Max(1, data.Count)));
        for (var start = 0; start < data.Count; start += batches.Size)
        {
            var (x, y) = batches.InOrder(start);
            var r = Forward(x, y, training: false);
            loss += r.LossSum;
            correct += r.Correct;
        }
        return new Evaluation(loss / data.Count, (double)correct / data.Count);
    }

    // With no hidden layer nobody needs ∂loss/∂input; the output layer still computes it into this.
    private Matrix<float> ScratchGradient(Matrix<float> inputs)
    {
        if (!_finalGradient.TryGetValue(inputs.ColumnCount, out var m))
            _finalGradient[inputs.ColumnCount] = m = Matrix<float>.Build.Dense(inputs.RowCount, inputs.ColumnCount);
        return m;
    }
}

/// <summary>The summed loss and the number of correct predictions of one batch.</summary>
public readonly record struct BatchResult(double LossSum, int Correct, int Count);

/// <summary>Mean cross-entropy loss and accuracy over a dataset.</summary>
public readonly record struct Evaluation(double Loss, double Accuracy);
