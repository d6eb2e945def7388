using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.LinearAlgebra;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Network;

/// <summary>The last Dense layer (with bias), softmax, and the cross-entropy loss.</summary>
/// <remarks>
/// Softmax subtracts each sample's largest logit before exponentiating, so logits of ±1000 give a
/// finite loss; the loss is computed as a log-sum-exp for the same reason. The gradient of
/// softmax + cross-entropy with respect to the logits is ŷ − y (divided by the batch size, since the
/// loss is the batch mean).
/// </remarks>
internal sealed class SoftmaxOutput
{
    private readonly int _classes;
    private readonly Dictionary<int, Buffers> _buffers = [];

    public SoftmaxOutput(int inputs, int classes)
    {
        _classes = classes;
        Weights = new Parameter("output.weights", classes, inputs);
        Bias = new Parameter("output.bias", classes, 1);
    }

    public Parameter Weights { get; }
    public Parameter Bias { get; }

    public IEnumerable<Parameter> Parameters => [Weights, Bias];

    public void Initialise(Rng rng)
    {
        // Xavier/LeCun, 1/fan_in, not He's 2/fan_in: He's factor 2 makes up for a ReLU zeroing half
        // its inputs, and no ReLU follows the logits; doubled logit variance only starts training overconfident.
        var std = Math.Sqrt(1.0 / Weights.Matrix.ColumnCount);
        for (var i = 0; i < Weights.Length; i++) Weights.Value[i] = (float)(rng.NextGaussian() * std);
        Array.Clear(Bias.Value);
    }

    /// <summary>Class probabilities (classes × batch) and the summed cross-entropy of the batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (Matrix<float> Probabilities, double LossSum, int Correct) Forward(Matrix<float> input, ReadOnlySpan<int> labels)
    {
        var batch = input.ColumnCount;
        var b = BuffersFor(batch);
        Gemm.Multiply(Weights.Matrix, false, input, false, b.Probabilities);
        var p = b.Probabilities.AsColumnMajorArray();
        double lossSum = 0;
        var correct = 0;
        for (var j = 0; j < batch; j++)
        {
            var col = p.AsSpan(j * _classes, _classes);
            TensorPrimitives.Add(col, Bias.Value, col);
            var best = TensorPrimitives.IndexOfMax(col);
            var max = col[best];
            if (best == labels[j]) correct++;
            var logit = col[labels[j]];
            TensorPrimitives.Subtract(col, max, col);
            TensorPrimitives.Exp(col, col);
            var sum = TensorPrimitives.Sum(col);
            lossSum += Math.Log(sum) - (logit - max);
            TensorPrimitives.Multiply(col, 1f / sum, col);
        }
        return (b.Probabilities, lossSum, correct);
    }

    /// <summary>From the probabilities of the last Forward: parameter gradients and ∂loss/∂input for the batch-mean loss.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(Matrix<float> input, ReadOnlySpan<int> labels, Matrix<float> inputGradient)
    {
        var batch = input.ColumnCount;
        var b = BuffersFor(batch);
        var p = b.Probabilities.AsColumnMajorArray();
        var dz = b.LogitGradient.AsColumnMajorArray();
        var invBatch = 1f / batch;
        Array.Clear(Bias.Gradient);
        for (var j = 0; j < batch; j++)
        {
            var col = dz.AsSpan(j * _classes, _classes);
            TensorPrimitives.Multiply(p.AsSpan(j * _classes, _classes), invBatch, col);
            col[labels[j]] -= invBatch;
            TensorPrimitives.Add(Bias.Gradient, col, Bias.Gradient);
        }
        Gemm.Multiply(b.LogitGradient, false, input, true, Weights.GradientMatrix);
        Gemm.Multiply(Weights.Matrix, true, b.LogitGradient, false, inputGradient);
    }

    private Buffers BuffersFor(int batch)
    {
        if (!_buffers.TryGetValue(batch, out var b)) _buffers[batch] = b = new Buffers(_classes, batch);
        return b;
    }

    private sealed class Buffers(int classes, int batch)
    {
        public Matrix<float> Probabilities { get; } = Matrix<float>.Build.Dense(classes, batch);
        public Matrix<float> LogitGradient { get; } = Matrix<float>.Build.Dense(classes, batch);
    }
}
