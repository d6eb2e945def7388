using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.Network;

namespace Orleans.Tuning.Model.Tests.Network;

public class SoftmaxTests
{
    // No hidden layer: logits = W·x + b, so the logits are set exactly by the weights.
    private static Orleans.Tuning.Model.Network.Network Linear(float[] weights)
    {
        var net = new Orleans.Tuning.Model.Network.Network(new NetworkConfig(1, 0, 1, weights.Length));
        weights.CopyTo(net.Parameters.Single(p => p.Name == "output.weights").Value, 0);
        return net;
    }

    [Fact]
    public void Output_weights_start_with_variance_one_over_fan_in_since_no_relu_follows_the_logits()
    {
        var net = new Orleans.Tuning.Model.Network.Network(new NetworkConfig(4, 1, 200, 50));
        net.Initialise(new Orleans.Tuning.Model.Randomness.Rng(5));

        var w = net.Parameters.Single(p => p.Name == "output.weights").Value;
        var variance = w.Average(x => (double)x * x);

        Assert.InRange(variance * 200, 0.9, 1.1); // He would give 2
    }

    [Fact]
    public void Logits_of_plus_and_minus_1000_give_a_finite_loss()
    {
        var net = Linear([1f, -1f]);
        var x = Matrix<float>.Build.Dense(1, 2, [1000f, 1000f]);
        var right = net.Forward(x.SubMatrix(0, 1, 0, 1), [0], training: false);
        var wrong = net.Forward(x.SubMatrix(0, 1, 0, 1), [1], training: false);
        Assert.Equal(0.0, right.LossSum, 1e-9);
        Assert.Equal(2000.0, wrong.LossSum, 1e-3);
        var p = net.Probabilities(x, training: false);
        Assert.All(p.ToColumnMajorArray(), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(1f, p[0, 0]);
    }

    [Fact]
    public void Probabilities_sum_to_one_and_follow_the_logits()
    {
        var net = Linear([1f, 2f, 3f]);
        var p = net.Probabilities(Matrix<float>.Build.Dense(1, 1, [1f]), training: false).Column(0);
        var e = new[] { Math.Exp(1), Math.Exp(2), Math.Exp(3) };
        for (var k = 0; k < 3; k++) Assert.Equal(e[k] / e.Sum(), p[k], 1e-6);
    }

    [Fact]
    public void Gradient_with_respect_to_the_logits_is_prediction_minus_one_hot()
    {
        var net = Linear([1f, 2f, 3f]);
        var x = Matrix<float>.Build.Dense(1, 2, [1f, -1f]);
        int[] y = [2, 0];
        net.TrainStep(x, y);
        var p = net.Probabilities(x, training: true);
        var bias = net.Parameters.Single(q => q.Name == "output.bias").Gradient;
        for (var k = 0; k < 3; k++)
        {
            var expected = ((p[k, 0] - (k == 2 ? 1 : 0)) + (p[k, 1] - (k == 0 ? 1 : 0))) / 2;
            Assert.Equal(expected, bias[k], 1e-6f);
        }
    }
}
