using System.Numerics;
using System.Numerics.Tensors;

namespace Orleans.Tuning.Model.Network;

/// <summary>Vectorised element-wise steps that System.Numerics.Tensors has no single call for.</summary>
internal static class Kernels
{
    /// <summary>y = max(gamma·xhat + beta, 0).</summary>
    public static void ScaleShiftRelu(ReadOnlySpan<float> xhat, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y)
    {
        TensorPrimitives.MultiplyAdd(xhat, gamma, beta, y);
        TensorPrimitives.Max(y, 0f, y);
    }

    /// <summary>dy = activated &gt; 0 ? upstream : 0 (the ReLU gradient, read from its output).</summary>
    public static void ReluGradient(ReadOnlySpan<float> activated, ReadOnlySpan<float> upstream, Span<float> dy)
    {
        var i = 0;
        var width = Vector<float>.Count;
        for (; i <= activated.Length - width; i += width)
        {
            var a = new Vector<float>(activated[i..]);
            var u = new Vector<float>(upstream[i..]);
            Vector.ConditionalSelect(Vector.GreaterThan(a, Vector<float>.Zero), u, Vector<float>.Zero).CopyTo(dy[i..]);
        }
        for (; i < activated.Length; i++) dy[i] = activated[i] > 0f ? upstream[i] : 0f;
    }

    /// <summary>dz = scale·(m·dy − sumDy − xhat·sumDyXhat), the batch-norm input gradient for one sample.</summary>
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
