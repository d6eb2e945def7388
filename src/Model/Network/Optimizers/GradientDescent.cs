using System.Numerics.Tensors;

namespace Orleans.Tuning.Model.Network.Optimizers;

/// <summary>Plain mini-batch gradient descent: w ← w − α·g.</summary>
public sealed record GradientDescent : Optimizer
{
    public override void Update(Parameter p, float learningRate, long step) =>
        TensorPrimitives.MultiplyAdd(p.Gradient, -learningRate, p.Value, p.Value);
}
