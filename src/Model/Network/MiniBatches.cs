using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.LinearAlgebra;

namespace Orleans.Tuning.Model.Network;

/// <summary>Gathers mini-batches of a dataset into reused column-per-sample matrices.</summary>
internal sealed class MiniBatches(Dataset data, int size)
{
    private readonly Dictionary<int, (Matrix<float> X, int[] Y)> _buffers = [];
    private (int[] Order, int Start, float[] X, int[] Y) _step; // the batch being gathered while it is split across a crew

    // A part copies at least this many features (128 KB): a smaller copy is over before another core could take a part.
    private const long MinimumPerPart = 1 << 15;

    public int Size { get; } = size;

    /// <summary>Samples order[start..start+Size) (fewer at the end); the buffers are reused on the next call.</summary>
    /// <remarks>On a round's lent cores the samples are copied in parts: each is a read of a random dataset row, mostly from memory.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (Matrix<float> X, int[] Y) Gather(int[] order, int start)
    {
        var count = Math.Min(Size, order.Length - start);
        var (x, y) = BuffersFor(count);
        _step = (order, start, x.AsColumnMajorArray(), y);
        Crew.Run(Crew.PartsFor((long)count * data.FeatureCount, MinimumPerPart), this, static (s, part, parts) => ((MiniBatches)s).GatherPart(part, parts));
        _step = default;
        return (x, y);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GatherPart(int part, int parts)
    {
        var (order, start, dst, y) = _step;
        var (from, to) = Crew.Slice(y.Length, 1, part, parts);
        var d = data.FeatureCount;
        for (var j = from; j < to; j++)
        {
            var i = order[start + j];
            Array.Copy(data.Features, i * d, dst, j * d, d);
            y[j] = data.Labels[i];
        }
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
