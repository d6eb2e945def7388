using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Network.Optimizers;

namespace Orleans.Tuning.Model.Tests.Network.Optimizers;

public class OptimizerTests
{
    // Two weights, two steps with different gradients: enough to see moments carried between steps.
    private static readonly float[] Start = [1f, -2f];
    private static readonly float[][] Gradients = [[0.5f, -0.1f], [-0.3f, 0.2f]];
    private const float Alpha = 0.1f;

    private static float[] Run(Optimizer optimizer)
    {
        var p = new Parameter("w", 2, 1);
        Start.CopyTo(p.Value, 0);
        for (var t = 0; t < Gradients.Length; t++)
        {
            Gradients[t].CopyTo(p.Gradient, 0);
            optimizer.Update(p, Alpha, t + 1);
        }
        return p.Value;
    }

    [Fact]
    public void Gradient_descent_steps_against_the_gradient()
    {
        var w = Run(new GradientDescent());
        Assert.Equal(1 - 0.1 * 0.5 - 0.1 * -0.3, w[0], 1e-6);
        Assert.Equal(-2 - 0.1 * -0.1 - 0.1 * 0.2, w[1], 1e-6);
    }

    [Fact]
    public void Momentum_follows_the_exponentially_weighted_average_of_gradients()
    {
        var w = Run(new Momentum(0.9f));
        for (var i = 0; i < 2; i++)
        {
            double v1 = 0.1 * Gradients[0][i];
            double v2 = 0.9 * v1 + 0.1 * Gradients[1][i];
            Assert.Equal(Start[i] - Alpha * v1 - Alpha * v2, w[i], 1e-6);
        }
    }

    [Fact]
    public void RmsProp_divides_by_the_bias_corrected_root_mean_square_of_gradients()
    {
        var w = Run(new RmsProp(0.999f, 1e-8f));
        for (var i = 0; i < 2; i++)
        {
            double g1 = Gradients[0][i], g2 = Gradients[1][i];
            var s1 = 0.001 * g1 * g1;
            var s2 = 0.999 * s1 + 0.001 * g2 * g2;
            var expected = Start[i] - Alpha * g1 / (Math.Sqrt(s1 / (1 - 0.999)) + 1e-8) - Alpha * g2 / (Math.Sqrt(s2 / (1 - 0.999 * 0.999)) + 1e-8);
            Assert.Equal(expected, w[i], 1e-5);
        }
    }

    [Fact]
    public void RmsProp_first_step_moves_a_weight_by_about_alpha_not_thirty_times_alpha()
    {
        var p = new Parameter("w", 1, 1);
        p.Gradient[0] = 0.5f;

        new RmsProp(0.999f, 1e-8f).Update(p, Alpha, step: 1);

        Assert.Equal(-Alpha, p.Value[0], 1e-4);
    }

    [Fact]
    public void Adam_corrects_the_bias_of_both_moments()
    {
        var w = Run(new Adam());
        for (var i = 0; i < 2; i++)
        {
            double m = 0, v = 0, x = Start[i];
            for (var t = 1; t <= 2; t++)
            {
                double g = Gradients[t - 1][i];
                m = 0.9 * m + 0.1 * g;
                v = 0.999 * v + 0.001 * g * g;
                x -= Alpha * (m / (1 - Math.Pow(0.9, t))) / (Math.Sqrt(v / (1 - Math.Pow(0.999, t))) + 1e-8);
            }
            Assert.Equal(x, w[i], 1e-5);
        }
        // The first bias-corrected Adam step is α·sign(g): the hallmark of the correction.
        var p = new Parameter("w", 1, 1) { };
        p.Gradient[0] = 1e-3f;
        new Adam().Update(p, Alpha, 1);
        Assert.Equal(-Alpha, p.Value[0], 1e-4);
    }

    [Fact]
    public void Vectorised_and_scalar_tails_agree_across_a_long_parameter()
    {
        // 37 values: whole vectors plus a scalar tail, which must apply the same rule.
        var p = new Parameter("w", 37, 1);
        for (var i = 0; i < 37; i++) { p.Value[i] = 1f; p.Gradient[i] = 0.25f; }
        new Adam().Update(p, Alpha, 1);
        Assert.All(p.Value, v => Assert.Equal(p.Value[0], v));
    }

    [Theory]
    [InlineData("sgd", typeof(GradientDescent))]
    [InlineData("momentum", typeof(Momentum))]
    [InlineData("rmsprop", typeof(RmsProp))]
    [InlineData("adam", typeof(Adam))]
    public void Optimizers_are_created_by_name(string name, Type expected) =>
        Assert.IsType(expected, Optimizer.Create(name));

    [Fact]
    public void An_unknown_optimizer_name_is_rejected_with_the_choices()
    {
        var ex = Assert.Throws<ArgumentException>(() => Optimizer.Create("adagrad"));
        Assert.Contains("adagrad", ex.Message);
        Assert.Contains("adam", ex.Message);
    }
}
