using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Network;

/// <summary>Gathers mini-batches of a dataset into reused column-per-sample matrices.</summary>
internal sealed class MiniBatches(Dataset data, int size)
{
    private readonly Dictionary<int, (Matrix<float> X, int[] Y)> _buffers = [];

    public int Size { get; } = size;

    /// <summary>Samples order[start..start+Size) (fewer at the end); the buffers are reused on the next call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (Matrix<float> X, int[] Y) Gather(ReadOnlySpan<int> order, int start)
    {
        var count = Math.Min(Size, order.Length - start);
        var (x, y) = BuffersFor(count);
        var dst = x.AsColumnMajorArray();
        var d = data.FeatureCount;
        for (var j = 0; j < count; j++)
        {
            var i = order[start + j];
            Array.Copy(data.Features, i * d, dst, j * d, d);
            y[j] = data.Labels[i];
        }
        return (x, y);
    }

    /// <summary>Samples start..start+Size in dataset order.</summary>
    public (Matrix<float> X, int[] Y) InOrder(int start)
    {
        var count = Math.Min(Size, data.Count - start);
        var (x, y) = BuffersFor(count);
        var d = data.FeatureCount;
        Array.Copy(data.Features, start * d, x.AsColumnMajorArray(), 0, count * d);
        Array.Copy(data.Labels, start, y, 0, count);
        return (x, y);
    }

    private (Matrix<float>, int[]) BuffersFor(int count)
    {
        if (!_buffers.TryGetValue(count, out var b))
            _buffers[count] = b = (Matrix<float>.Build.Dense(data.FeatureCount, count), new int[count]);
        return b;
    }
}
