using MathNet.Numerics.LinearAlgebra;

namespace Orleans.Tuning.Model.Network;

/// <summary>One trainable tensor with its gradient and the two moment buffers any optimizer may keep.</summary>
/// <remarks>
/// Moments live with the parameter, not in the optimizer, so optimizers are stateless values and a
/// checkpoint is just these arrays plus a step count.
/// </remarks>
public sealed class Parameter
{
    public Parameter(string name, int rows, int columns)
    {
        Name = name;
        Value = new float[rows * columns];
        Gradient = new float[rows * columns];
        FirstMoment = new float[rows * columns];
        SecondMoment = new float[rows * columns];
        Matrix = Matrix<float>.Build.Dense(rows, columns, Value);
        GradientMatrix = Matrix<float>.Build.Dense(rows, columns, Gradient);
    }

    public string Name { get; }
    public float[] Value { get; }
    public float[] Gradient { get; }
    public float[] FirstMoment { get; }
    public float[] SecondMoment { get; }

    /// <summary>The value viewed as a column-major matrix (shares storage with <see cref="Value"/>).</summary>
    public Matrix<float> Matrix { get; }

    public Matrix<float> GradientMatrix { get; }

    public int Length => Value.Length;
}
