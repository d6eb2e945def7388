using System.Runtime.CompilerServices;
using System.Numerics;

namespace Orleans.Tuning.Model.Network.Optimizers;

/// <summary>RMSprop with bias correction: s ← β·s + (1 − β)·g², ŝ = s/(1 − βᵗ), w ← w − α·g/(√ŝ + ε).</summary>
/// <remarks>
/// Bias-corrected on purpose, as Adam's second moment is: s starts at 0, so at β = 0.999 the
/// uncorrected first step divides by √(0.001·g²) and moves every weight by about 30·α, which
/// makes RMSprop look unstable at learning rates Adam handles and skews the search against it.
/// </remarks>
public sealed record RmsProp(float Beta = 0.999f, float Epsilon = 1e-8f) : Optimizer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(Parameter p, float learningRate, long step, int from, int to)
    {
        var c = (float)(1.0 / (1.0 - Math.Pow(Beta, step)));
        var w = p.Value.AsSpan(from..to);
        var g = p.Gradient.AsSpan(from..to);
        var s = p.SecondMoment.AsSpan(from..to);
        var beta = new Vector<float>(Beta);
        var oneMinus = new Vector<float>(1f - Beta);
        var lr = new Vector<float>(learningRate);
        var eps = new Vector<float>(Epsilon);
        var vc = new Vector<float>(c);
        var i = 0;
        for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var gi = new Vector<float>(g[i..]);
            var si = beta * new Vector<float>(s[i..]) + oneMinus * gi * gi;
            si.CopyTo(s[i..]);
            (new Vector<float>(w[i..]) - lr * gi / (Vector.SquareRoot(si * vc) + eps)).CopyTo(w[i..]);
        }
        for (; i < w.Length; i++)
        {
            s[i] = Beta * s[i] + (1f - Beta) * g[i] * g[i];
            w[i] -= learningRate * g[i] / (MathF.Sqrt(s[i] * c) + Epsilon);
        }
    }
}
