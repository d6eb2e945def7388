using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Tests.Network;

public class GradientCheckTests
{
    // The network is float32. Central differences with h = 1e-3 have a rounding error of order
    // ε_f32·|loss|/h ≈ 1e-4 and a truncation error far below that; a larger h (1e-2) lets a ReLU
    // after batch norm cross its kink inside the interval and the difference stops being a
    // derivative. Agreement to 1e-3 + 2 % of the gradient separates a correct backprop from a wrong
    // one (a wrong term is off by tens of percent or has the wrong sign) without flaking on noise.
    private const float H = 1e-3f;

    [Theory]
    [InlineData("hidden0.weights")]
    [InlineData("hidden0.gamma")]
    [InlineData("hidden0.beta")]
    [InlineData("hidden1.weights")]
    [InlineData("hidden1.gamma")]
    [InlineData("hidden1.beta")]
    [InlineData("output.weights")]
    [InlineData("output.bias")]
    public void Backprop_matches_finite_differences(string parameterName)
    {
        var network = new Orleans.Tuning.Model.Network.Network(new NetworkConfig(Inputs: 5, HiddenLayers: 2, HiddenUnits: 4, Classes: 3));
        var rng = new Rng(7);
        network.Initialise(rng);
        // Non-trivial γ and β, so their gradients are not the special case γ = 1, β = 0.
        foreach (var p in network.Parameters.Where(p => p.Name.EndsWith("gamma") || p.Name.EndsWith("beta")))
            for (var i = 0; i < p.Length; i++) p.Value[i] = (float)(rng.NextGaussian() * 0.5 + (p.Name.EndsWith("gamma") ? 1 : 0));

        const int batch = 8;
        var x = Matrix<float>.Build.Dense(5, batch, (_, _) => (float)rng.NextGaussian());
        var y = Enumerable.Range(0, batch).Select(i => i % 3).ToArray();

        network.TrainStep(x, y);
        var parameter = network.Parameters.Single(p => p.Name == parameterName);
        var analytic = parameter.Gradient.ToArray();

        for (var i = 0; i < parameter.Length; i++)
        {
            var original = parameter.Value[i];
            parameter.Value[i] = original + H;
            var plus = network.Forward(x, y, training: true).LossSum / batch;
            parameter.Value[i] = original - H;
            var minus = network.Forward(x, y, training: true).LossSum / batch;
            parameter.Value[i] = original;
            var numeric = (plus - minus) / (2 * H);

            Assert.True(Math.Abs(numeric - analytic[i]) <= 1e-3 + 0.02 * Math.Abs(numeric),
                $"{parameterName}[{i}]: backprop {analytic[i]:G6}, finite difference {numeric:G6}");
        }
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-3); // the check above means something only if gradients are not all zero
    }
}
