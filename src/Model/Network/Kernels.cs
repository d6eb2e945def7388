using System.Numerics;
using System.Runtime.CompilerServices;

namespace Orleans.Tuning.Model.Network;

/// <summary>Vectorised element-wise steps of batch norm and ReLU, each fused into one pass over memory.</summary>
/// <remarks>
/// Every kernel works on one column (one sample's features, or a slice of them); the span
/// arguments are all the same length. Fusing matters: the steps are cheap next to the matrix
/// products, but one pass per operation reads and writes the activations several times over.
/// </remarks>
internal static class Kernels
{
    /// <summary>xhat = (z − mean)·inverseStd, in place in z, and y = max(gamma·xhat + beta, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NormaliseScaleShiftRelu(Span<float> z, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y)
    {
        var i = 0;
        var width = Vector<float>.Count;
        for (; i <= z.Length - width; i += width)
        {
            var xhat = (new Vector<float>(z[i..]) - new Vector<float>(mean[i..])) * new Vector<float>(inverseStd[i..]);
            xhat.CopyTo(z[i..]);
            Vector.Max(new Vector<float>(gamma[i..]) * xhat + new Vector<float>(beta[i..]), Vector<float>.Zero).CopyTo(y[i..]);
        }
        for (; i < z.Length; i++)
        {
            var xhat = (z[i] - mean[i]) * inverseStd[i];
            z[i] = xhat;
            y[i] = MathF.Max(gamma[i] * xhat + beta[i], 0f);
        }
    }

    /// <summary>sum += z, element-wise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Accumulate(ReadOnlySpan<float> z, Span<float> sum)
    {
        var i = 0;
        var width = Vector<float>.Count;
        for (; i <= z.Length - width; i += width) (new Vector<float>(sum[i..]) + new Vector<float>(z[i..])).CopyTo(sum[i..]);
        for (; i < z.Length; i++) sum[i] += z[i];
    }

    /// <summary>sumOfSquares += (z − mean)², element-wise: the variance's sum, in a second pass for accuracy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AccumulateSquaredDeviation(ReadOnlySpan<float> z, ReadOnlySpan<float> mean, Span<float> sumOfSquares)
    {
        var i = 0;
        var width = Vector<float>.Count;
        for (; i <= z.Length - width; i += width)
        {
            var d = new Vector<float>(z[i..]) - new Vector<float>(mean[i..]);
            (new Vector<float>(sumOfSquares[i..]) + d * d).CopyTo(sumOfSquares[i..]);
        }
        for (; i < z.Length; i++)
        {
            var d = z[i] - mean[i];
            sumOfSquares[i] += d * d;
        }
    }

    /// <summary>dy = activated &gt; 0 ? upstream : 0 (the ReLU gradient, read from its output), with sumDy += dy and sumDyXhat += dy·xhat.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluGradientAndSums(ReadOnlySpan<float> activated, ReadOnlySpan<float> upstream, ReadOnlySpan<float> xhat,
        Span<float> dy, Span<float> sumDy, Span<float> sumDyXhat)
    {
        var i = 0;
        var width = Vector<float>.Count;
        for (; i <= activated.Length - width; i += width)
        {
            var a = new Vector<float>(activated[i..]);
            var d = Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<float>.Zero), new Vector<float>(upstream[i..]), Vector<float>.Zero);
            d.CopyTo(dy[i..]);
            (new Vector<float>(sumDy[i..]) + d).CopyTo(sumDy[i..]);
            (new Vector<float>(sumDyXhat[i..]) + d * new Vector<float>(xhat[i..])).CopyTo(sumDyXhat[i..]);
        }
        for (; i < activated.Length; i++)
        {
            var d = activated[i] > 0f ? upstream[i] : 0f;
            dy[i] = d;
            sumDy[i] += d;
            sumDyXhat[i] += d * xhat[i];
        }
    }

    /// <summary>dz = scale·(m·dy − sumDy − xhat·sumDyXhat), the batch-norm input gradient for one sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BatchNormInputGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> xhat, ReadOnlySpan<float> scale,
        ReadOnlySpan<float> sumDy, ReadOnlySpan<float> sumDyXhat, float m, Span<float> dz)
    {
        var i = 0;
        var width = Vector<float>.Count;
        var mv = new Vector<float>(m);
        for (; i <= dy.Length - width; i += width)
        {
            var inner = mv * new Vector<float>(dy[i..]) - new Vector<float>(sumDy[i..]) - new Vector<float>(xhat[i..]) * new Vector<float>(sumDyXhat[i..]);
            (new Vector<float>(scale[i..]) * inner).CopyTo(dz[i..]);
        }
        for (; i < dy.Length; i++) dz[i] = scale[i] * (m * dy[i] - sumDy[i] - xhat[i] * sumDyXhat[i]);
    }
}
