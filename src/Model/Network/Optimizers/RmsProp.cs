using System.Numerics;

namespace Orleans.Tuning.Model.Network.Optimizers;

/// <summary>RMSprop: s ← β·s + (1 − β)·g², w ← w − α·g/(√s + ε).</summary>
public sealed record RmsProp(float Beta = 0.999f, float Epsilon = 1e-8f) : Optimizer
{
    public override void Update(Parameter p, float learningRate, long step)
    {
        var w = p.Value.AsSpan();
        var g = p.Gradient.AsSpan();
        var s = p.SecondMoment.AsSpan();
        var beta = new Vector<float>(Beta);
        var oneMinus = new Vector<float>(1f - Beta);
        var lr = new Vector<float>(learningRate);
        var eps = new Vector<float>(Epsilon);
        var i = 0;
        for (; i <= w.Length - Vector<float>.Count; i += Vector<float>.Count)
        {
            var gi = new Vector<float>(g[i..]);
            var si = beta * new Vector<float>(s[i..]) + oneMinus * gi * gi;
            si.CopyTo(s[i..]);
            (new Vector<float>(w[i..]) - lr * gi / (Vector.SquareRoot(si) + eps)).CopyTo(w[i..]);
        }
        for (; i < w.Length; i++)
        {
            s[i] = Beta * s[i] + (1f - Beta) * g[i] * g[i];
            w[i] -= learningRate * g[i] / (MathF.Sqrt(s[i]) + Epsilon);
        }
    }
}
