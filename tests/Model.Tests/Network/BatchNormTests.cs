using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Tests.Network;

public class BatchNormTests
{
    private static (Orleans.Tuning.Model.Network.Network Net, Matrix<float> X, int[] Y) Setup(float momentum = 0.9f)
    {
        var net = new Orleans.Tuning.Model.Network.Network(new NetworkConfig(3, 1, 4, 2, BatchNormMomentum: momentum));
        net.Initialise(new Rng(3));
        var rng = new Rng(5);
        var x = Matrix<float>.Build.Dense(3, 6, (_, _) => (float)(rng.NextGaussian() * 2 + 1));
        return (net, x, [0, 1, 0, 1, 0, 1]);
    }

    [Fact]
    public void Training_mode_normalises_with_the_batch_so_a_sample_depends_on_its_batch_mates()
    {
        var (net, x, _) = Setup();
        var p1 = net.Probabilities(x, training: true).Column(0);
        var changed = x.Clone();
        changed.SetColumn(5, [10f, -10f, 10f]);
        var p2 = net.Probabilities(changed, training: true).Column(0);
        Assert.True((p1 - p2).AbsoluteMaximum() > 1e-4f);
    }

    [Fact]
    public void Inference_mode_uses_running_statistics_so_a_sample_is_independent_of_its_batch()
    {
        var (net, x, _) = Setup();
        var p1 = net.Probabilities(x, training: false).Column(0);
        var changed = x.Clone();
        changed.SetColumn(5, [10f, -10f, 10f]);
        var p2 = net.Probabilities(changed, training: false).Column(0);
        Assert.Equal(p1.ToArray(), p2.ToArray());
        var single = net.Probabilities(x.SubMatrix(0, 3, 0, 1), training: false).Column(0);
        Assert.Equal(p1.ToArray(), single.ToArray());
    }

    [Fact]
    public void Running_statistics_are_an_exponentially_weighted_average_of_batch_mean_and_variance()
    {
        var (net, x, y) = Setup(momentum: 0.8f);
        var weights = net.Parameters.Single(p => p.Name == "hidden0.weights").Matrix;
        var z = weights * x; // pre-activations, units × batch
        var mean = z.RowSums() / z.ColumnCount;
        var variance = Vector<float>.Build.Dense(z.RowCount, r => z.Row(r).Subtract(mean[r]).PointwisePower(2).Sum() / z.ColumnCount);

        net.Forward(x, y, training: true);
        var stats = net.RunningStatistics.ToArray();
        for (var r = 0; r < z.RowCount; r++)
        {
            Assert.Equal(0.2f * mean[r], stats[0][r], 1e-5f);
            Assert.Equal(0.8f * 1f + 0.2f * variance[r], stats[1][r], 1e-4f);
        }

        for (var i = 0; i < 200; i++) net.Forward(x, y, training: true);
        stats = net.RunningStatistics.ToArray();
        for (var r = 0; r < z.RowCount; r++)
        {
            Assert.Equal(mean[r], stats[0][r], 1e-4f);
            Assert.Equal(variance[r], stats[1][r], 1e-3f);
        }
    }

    [Fact]
    public void After_the_running_statistics_converge_inference_matches_training_on_that_batch()
    {
        var (net, x, y) = Setup(momentum: 0.5f);
        for (var i = 0; i < 100; i++) net.Forward(x, y, training: true);
        var train = net.Probabilities(x, training: true).ToColumnMajorArray();
        var test = net.Probabilities(x, training: false).ToColumnMajorArray();
        for (var i = 0; i < train.Length; i++) Assert.Equal(train[i], test[i], 1e-3f);
    }
}
