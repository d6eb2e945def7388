using System.Runtime.CompilerServices;
using System.Numerics;

namespace Orleans.Tuning.Model.Network.Optimizers;

/// <summary>Adam with bias correction: m̂ = m/(1 − β1ᵗ), v̂ = v/(1 − β2ᵗ), w ← w − α·m̂/(√v̂ + ε).</summary>
public sealed record Adam(float Beta1 = 0.9f, float Beta2 = 0.999f, float Epsilon = 1e-8f) : Optimizer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(Parameter p, float learningRate, long step, int from, int to)
    {
        var w = p.Value.AsSpan(from..to);
        var g = p.Gradient.AsSpan(from..to);
        var m = p.FirstMoment.AsSpan(from..to);
        var v = p.SecondMoment.AsSpan(from..to);
        var c1 = (float)(1.0 / (1.0 - Math.Pow(Beta1, step)));
        var c2 = (float)(1.0 / (1.0 - Math.Pow(Beta2, step)));
        var b1 = new Vector<float>(Beta1);
        var b2 = new Vector<float>(Beta2);
        var o1 = new Vector<float>(1f - Beta1);
        var o2 = new Vector<float>(1f - Beta2);
        var lrc1 = new Vector<float>(learningRate * c1);
        var vc2 = new Vector<float>(c2);
        var eps = new Vector<float>(Epsilon);
        var i = 0;
        for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var gi = new Vector<float>(g[i..]);
            var mi = b1 * new Vector<float>(m[i..]) + o1 * gi;
            var vi = b2 * new Vector<float>(v[i..]) + o2 * gi * gi;
            mi.CopyTo(m[i..]);
            vi.CopyTo(v[i..]);
            (new Vector<float>(w[i..]) - lrc1 * mi / (Vector.SquareRoot(vi * vc2) + eps)).CopyTo(w[i..]);
        }
        for (; i < w.Length; i++)
        {
            m[i] = Beta1 * m[i] + (1f - Beta1) * g[i];
            v[i] = Beta2 * v[i] + (1f - Beta2) * g[i] * g[i];
            w[i] -= learningRate * c1 * m[i] / (MathF.Sqrt(v[i] * c2) + Epsilon);
        }
    }
}
