using System.Numerics.Tensors;

namespace Orleans.Tuning.Model.Network.Optimizers;

/// <summary>Plain mini-batch gradient descent: w ← w − α·g.</summary>
public sealed record GradientDescent : Optimizer
{
    public override void Update(Parameter p, float learningRate, long step, int from, int to) =>
        TensorPrimitives.MultiplyAdd(p.Gradient.AsSpan(from..to), -learningRate, p.Value.AsSpan(from..to), p.Value.AsSpan(from..to));
}
