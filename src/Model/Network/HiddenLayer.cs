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
    private readonly float[] _mean, _inverseStd, _scale, _scratch;

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
        _scratch = new float[units];
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
    public Matrix<float> Forward(Matrix<float> input, bool training)
    {
        var batch = input.ColumnCount;
        var b = BuffersFor(batch);
        Gemm.Multiply(Weights.Matrix, false, input, false, b.Normalised);
        var z = b.Normalised.AsColumnMajorArray();
        var a = b.Output.AsColumnMajorArray();

        if (training)
        {
            Array.Clear(_mean);
            for (var j = 0; j < batch; j++) TensorPrimitives.Add(_mean, Column(z, j), _mean);
            TensorPrimitives.Multiply(_mean, 1f / batch, _mean);

            Array.Clear(_scratch); // holds the variance until it becomes 1/√(σ² + ε)
            for (var j = 0; j < batch; j++)
            {
                var col = Column(z, j);
                TensorPrimitives.Subtract(col, _mean, col);
                TensorPrimitives.MultiplyAdd(col, col, _scratch, _scratch);
            }
            TensorPrimitives.Multiply(_scratch, 1f / batch, _scratch);
            UpdateRunningStatistics(_scratch);
            TensorPrimitives.Add(_scratch, _epsilon, _inverseStd);
            TensorPrimitives.ReciprocalSqrt(_inverseStd, _inverseStd);
        }
        else
        {
            TensorPrimitives.Add(RunningVariance, _epsilon, _inverseStd);
            TensorPrimitives.ReciprocalSqrt(_inverseStd, _inverseStd);
            for (var j = 0; j < batch; j++) TensorPrimitives.Subtract(Column(z, j), RunningMean, Column(z, j));
        }

        for (var j = 0; j < batch; j++)
        {
            var xhat = Column(z, j);
            TensorPrimitives.Multiply(xhat, _inverseStd, xhat);
            Kernels.ScaleShiftRelu(xhat, Gamma.Value, Beta.Value, Column(a, j));
        }
        return b.Output;
    }

    /// <summary>The output of the last forward pass with this batch size.</summary>
    public Matrix<float> Forwarded(int batch) => BuffersFor(batch).Output;

    /// <summary>The matrix to write ∂loss/∂output into before calling <see cref="Backward"/>.</summary>
    public Matrix<float> OutputGradient(int batch) => BuffersFor(batch).OutputGradient;

    /// <summary>Fills the parameter gradients and, when asked, ∂loss/∂input.</summary>
    public void Backward(Matrix<float> input, Matrix<float>? inputGradient)
    {
        var batch = input.ColumnCount;
        var b = BuffersFor(batch);
        var xhat = b.Normalised.AsColumnMajorArray();
        var a = b.Output.AsColumnMajorArray();
        var da = b.OutputGradient.AsColumnMajorArray();
        var dz = b.PreActivationGradient.AsColumnMajorArray();
        var dGamma = Gamma.Gradient;
        var dBeta = Beta.Gradient;

        Array.Clear(dGamma);
        Array.Clear(dBeta);
        for (var j = 0; j < batch; j++)
        {
            var dy = Column(dz, j); // holds ∂loss/∂z̃ until overwritten with ∂loss/∂z below
            Kernels.ReluGradient(Column(a, j), Column(da, j), dy);
            TensorPrimitives.Add(dBeta, dy, dBeta);
            TensorPrimitives.MultiplyAdd(dy, Column(xhat, j), dGamma, dGamma);
        }

        // ∂z = γ/(m·√(σ²+ε)) · (m·∂z̃ − Σ∂z̃ − ẑ·Σ(∂z̃·ẑ))
        TensorPrimitives.Multiply(Gamma.Value, _inverseStd, _scale);
        TensorPrimitives.Multiply(_scale, 1f / batch, _scale);
        for (var j = 0; j < batch; j++)
        {
            var dy = Column(dz, j);
            Kernels.BatchNormInputGradient(dy, Column(xhat, j), _scale, dBeta, dGamma, batch, dy);
        }

        Gemm.Multiply(b.PreActivationGradient, false, input, true, Weights.GradientMatrix);
        if (inputGradient is not null) Gemm.Multiply(Weights.Matrix, true, b.PreActivationGradient, false, inputGradient);
    }

    private void UpdateRunningStatistics(float[] batchVariance)
    {
        // running = β·running + (1 − β)·batch, the course notes' exponentially weighted average.
        TensorPrimitives.Multiply(RunningMean, _momentum, RunningMean);
        TensorPrimitives.MultiplyAdd(_mean, 1f - _momentum, RunningMean, RunningMean);
        TensorPrimitives.Multiply(RunningVariance, _momentum, RunningVariance);
        TensorPrimitives.MultiplyAdd(batchVariance, 1f - _momentum, RunningVariance, RunningVariance);
    }

    private Span<float> Column(float[] data, int j) => data.AsSpan(j * _units, _units);

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
