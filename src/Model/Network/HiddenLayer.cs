using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.LinearAlgebra;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Network;

/// <summary>Dense (no bias) → BatchNorm → ReLU, on column-per-sample matrices.</summary>
/// <remarks>
/// The Dense layer has no bias because batch norm's β replaces it. Batch norm follows the course
/// notes: z_norm = (z − μ)/√(σ² + ε), z̃ = γ·z_norm + β, with the mini-batch's μ and (biased) σ² while
/// training and exponentially weighted running averages of them at inference.
/// </remarks>
internal sealed class HiddenLayer
{
    private readonly int _units;
    private readonly float _momentum;
    private readonly float _epsilon;
    private readonly Dictionary<int, Buffers> _buffers = [];
    private readonly float[] _mean, _inverseStd, _scale, _variance;
    private Buffers? _step;   // the batch's buffers while a forward or backward pass is split across a crew
    private bool _training;

    // A part of the element-wise work is at least this many activations, and whole 64-byte lines of each column.
    // Measured (docs/benchmarks.md): splitting mnist-like's 256 × 128 made a lone round slower on two cores, not faster;
    // the pass is tens of microseconds, less than moving its activations between the cores' caches costs.
    private const long MinimumPerPart = 1 << 17;
    private const int RowGrain = 16;

    public HiddenLayer(int index, int inputs, int units, float momentum, float epsilon)
    {
        _units = units;
        _momentum = momentum;
        _epsilon = epsilon;
        Weights = new Parameter($"hidden{index}.weights", units, inputs);
        Gamma = new Parameter($"hidden{index}.gamma", units, 1);
        Beta = new Parameter($"hidden{index}.beta", units, 1);
        RunningMean = new float[units];
        RunningVariance = new float[units];
        _mean = new float[units];
        _inverseStd = new float[units];
        _scale = new float[units];
        _variance = new float[units];
    }

    public Parameter Weights { get; }
    public Parameter Gamma { get; }
    public Parameter Beta { get; }
    public float[] RunningMean { get; }
    public float[] RunningVariance { get; }

    public IEnumerable<Parameter> Parameters => [Weights, Gamma, Beta];

    /// <summary>He initialisation for the weights, γ = 1, β = 0, running statistics of a standard normal.</summary>
    public void Initialise(Rng rng)
    {
        var std = Math.Sqrt(2.0 / Weights.Matrix.ColumnCount);
        for (var i = 0; i < Weights.Length; i++) Weights.Value[i] = (float)(rng.NextGaussian() * std);
        Array.Fill(Gamma.Value, 1f);
        Array.Clear(Beta.Value);
        Array.Clear(RunningMean);
        Array.Fill(RunningVariance, 1f);
    }

    /// <summary>The output for this batch (units × batch); the matrix is reused on the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public Matrix<float> Forward(Matrix<float> input, bool training)
    {
        var batch = input.ColumnCount;
        _step = BuffersFor(batch);
        _training = training;
        Gemm.Multiply(Weights.Matrix, false, input, false, _step.Normalised);
        Crew.Run(Crew.PartsFor((long)_units * batch, MinimumPerPart), this, static (s, part, parts) => ((HiddenLayer)s).ForwardRows(part, parts));
        return _step.Output;
    }

    /// <summary>The output of the last forward pass with this batch size.</summary>
    public Matrix<float> Forwarded(int batch) => BuffersFor(batch).Output;

    /// <summary>The matrix to write ∂loss/∂output into before calling <see cref="Backward"/>.</summary>
    public Matrix<float> OutputGradient(int batch) => BuffersFor(batch).OutputGradient;

    /// <summary>Fills the parameter gradients and, when asked, ∂loss/∂input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Backward(Matrix<float> input, Matrix<float>? inputGradient)
    {
        var batch = input.ColumnCount;
        _step = BuffersFor(batch);
        Crew.Run(Crew.PartsFor((long)_units * batch, MinimumPerPart), this, static (s, part, parts) => ((HiddenLayer)s).BackwardRows(part, parts));
        Gemm.Multiply(_step.PreActivationGradient, false, input, true, Weights.GradientMatrix);
        if (inputGradient is not null) Gemm.Multiply(Weights.Matrix, true, _step.PreActivationGradient, false, inputGradient);
    }

    // Batch norm works unit by unit, so the units split across cores; each unit's sums over the batch run in one order, on one core.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ForwardRows(int part, int parts)
    {
        var (from, to) = Crew.Slice(_units, RowGrain, part, parts);
        if (from == to) return;
        var b = _step!;
        var batch = b.Normalised.ColumnCount;
        var z = b.Normalised.AsColumnMajorArray();
        var a = b.Output.AsColumnMajorArray();
        var mean = _mean.AsSpan(from..to);
        var inverseStd = _inverseStd.AsSpan(from..to);

        if (_training)
        {
            var block = new Kernels.Block(_units, batch, from, to);
            mean.Clear();
            Kernels.SumColumns(z, block, mean);
            TensorPrimitives.Multiply(mean, 1f / batch, mean);
            var variance = _variance.AsSpan(from..to);
            variance.Clear();
            Kernels.SumSquaredDeviations(z, block, mean, variance);
            TensorPrimitives.Multiply(variance, 1f / batch, variance);
            UpdateRunningStatistics(from, to);
            TensorPrimitives.Add(variance, _epsilon, inverseStd);
        }
        else
        {
            RunningMean.AsSpan(from..to).CopyTo(mean);
            TensorPrimitives.Add(RunningVariance.AsSpan(from..to), _epsilon, inverseStd);
        }
        TensorPrimitives.ReciprocalSqrt(inverseStd, inverseStd);

        var gamma = Gamma.Value.AsSpan(from..to);
        var beta = Beta.Value.AsSpan(from..to);
        Kernels.NormaliseScaleShiftRelu(z, new Kernels.Block(_units, batch, from, to), mean, inverseStd, gamma, beta, a);
    }

    // ∂z = γ/(m·√(σ²+ε)) · (m·∂z̃ − Σ∂z̃ − ẑ·Σ(∂z̃·ẑ)), unit by unit like the forward pass.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BackwardRows(int part, int parts)
    {
        var (from, to) = Crew.Slice(_units, RowGrain, part, parts);
        if (from == to) return;
        var b = _step!;
        var batch = b.Normalised.ColumnCount;
        var xhat = b.Normalised.AsColumnMajorArray();
        var a = b.Output.AsColumnMajorArray();
        var da = b.OutputGradient.AsColumnMajorArray();
        var dz = b.PreActivationGradient.AsColumnMajorArray();
        var dGamma = Gamma.Gradient.AsSpan(from..to);
        var dBeta = Beta.Gradient.AsSpan(from..to);

        var block = new Kernels.Block(_units, batch, from, to);
        dGamma.Clear();
        dBeta.Clear();
        // dz holds ∂loss/∂z̃ until overwritten with ∂loss/∂z below
        Kernels.ReluGradientAndSums(a, da, xhat, block, dz, dBeta, dGamma);

        var scale = _scale.AsSpan(from..to);
        TensorPrimitives.Multiply(Gamma.Value.AsSpan(from..to), _inverseStd.AsSpan(from..to), scale);
        TensorPrimitives.Multiply(scale, 1f / batch, scale);
        Kernels.BatchNormInputGradient(dz, xhat, block, scale, dBeta, dGamma, batch, dz);
    }

    private void UpdateRunningStatistics(int from, int to)
    {
        // running = β·running + (1 − β)·batch, the course notes' exponentially weighted average.
        var runningMean = RunningMean.AsSpan(from..to);
        var runningVariance = RunningVariance.AsSpan(from..to);
        TensorPrimitives.Multiply(runningMean, _momentum, runningMean);
        TensorPrimitives.MultiplyAdd(_mean.AsSpan(from..to), 1f - _momentum, runningMean, runningMean);
        TensorPrimitives.Multiply(runningVariance, _momentum, runningVariance);
        TensorPrimitives.MultiplyAdd(_variance.AsSpan(from..to), 1f - _momentum, runningVariance, runningVariance);
    }

    private Buffers BuffersFor(int batch)
    {
        if (!_buffers.TryGetValue(batch, out var b)) _buffers[batch] = b = new Buffers(_units, batch);
        return b;
    }

    private sealed class Buffers(int units, int batch)
    {
        public Matrix<float> Normalised { get; } = Matrix<float>.Build.Dense(units, batch);
        public Matrix<float> Output { get; } = Matrix<float>.Build.Dense(units, batch);
        public Matrix<float> OutputGradient { get; } = Matrix<float>.Build.Dense(units, batch);
        public Matrix<float> PreActivationGradient { get; } = Matrix<float>.Build.Dense(units, batch);
    }
}
