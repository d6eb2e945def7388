using System.Runtime.CompilerServices;
using System.Numerics;

namespace Orleans.Tuning.Model.Network.Optimizers;

/// <summary>Gradient descent with momentum as in the course: v ← β·v + (1 − β)·g, w ← w − α·v.</summary>
public sealed record Momentum(float Beta = 0.9f) : Optimizer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Update(Parameter p, float learningRate, long step, int from, int to)
    {
        var w = p.Value.AsSpan(from..to);
        var g = p.Gradient.AsSpan(from..to);
        var v = p.FirstMoment.AsSpan(from..to);
        var beta = new Vector<float>(Beta);
        var oneMinus = new Vector<float>(1f - Beta);
        var lr = new Vector<float>(learningRate);
        var i = 0;
        for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var vi = beta * new Vector<float>(v[i..]) + oneMinus * new Vector<float>(g[i..]);
            vi.CopyTo(v[i..]);
            (new Vector<float>(w[i..]) - lr * vi).CopyTo(w[i..]);
        }
        for (; i < w.Length; i++)
        {
            v[i] = Beta * v[i] + (1f - Beta) * g[i];
            w[i] -= learningRate * v[i];
        }
    }
}
