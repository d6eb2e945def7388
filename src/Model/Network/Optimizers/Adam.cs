using System.Runtime.CompilerServices;
using System.Numerics;
using System.Runtime.InteropServices;

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
        // One pass over the four arrays, loads unchecked (the spans are one length): the update streams them from memory.
        ref var wr = ref MemoryMarshal.GetReference(w);
        ref var gr = ref MemoryMarshal.GetReference(g);
        ref var mr = ref MemoryMarshal.GetReference(m);
        ref var vr = ref MemoryMarshal.GetReference(v);
        var i = 0;
        for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var at = (nuint)i;
            var gi = Vector.LoadUnsafe(ref gr, at);
            var mi = b1 * Vector.LoadUnsafe(ref mr, at) + o1 * gi;
            var vi = b2 * Vector.LoadUnsafe(ref vr, at) + o2 * gi * gi;
            mi.StoreUnsafe(ref mr, at);
            vi.StoreUnsafe(ref vr, at);
            (Vector.LoadUnsafe(ref wr, at) - lrc1 * mi / (Vector.SquareRoot(vi * vc2) + eps)).StoreUnsafe(ref wr, at);
        }
        for (; i < w.Length; i++)
        {
            m[i] = Beta1 * m[i] + (1f - Beta1) * g[i];
            v[i] = Beta2 * v[i] + (1f - Beta2) * g[i] * g[i];
            w[i] -= learningRate * c1 * m[i] / (MathF.Sqrt(v[i] * c2) + Epsilon);
        }
    }
}
