using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Network.Optimizers;
using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Tests.LinearAlgebra;

namespace Orleans.Tuning.Model.Tests.Network;

/// <summary>A round trained on lent cores must be the round trained on one: the split never changes a sum's order.</summary>
public class LentCoresTrainingTests
{
    [Theory]
    [InlineData("adam", 256, 64)]     // products and the optimizer split; batch norm on 256 × 64 does not (too small to pay)
    [InlineData("momentum", 256, 64)]
    [InlineData("rmsprop", 256, 64)]
    [InlineData("sgd", 256, 64)]
    [InlineData("adam", 1024, 256)]   // batch norm on 1024 units × 256 splits too
    public void Training_on_lent_cores_gives_the_same_network_bit_for_bit(string optimizer, int units, int batch)
    {
        var data = Data(640, seed: 3);
        var alone = NewTrainer(data, optimizer, units, batch);
        var lent = NewTrainer(data, optimizer, units, batch);

        // Beside other tests the lent core may not be scheduled within two short epochs: train on until it has taken
        // parts (the comparison needs it to have), then train the lone network for as many epochs.
        var epochs = 0;
        using (var cores = new LentCores(helpers: 1))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            do { lent.TrainEpoch(); epochs++; }
            while (epochs < 2 || (cores.Crew.PartsByHelpers == 0 && DateTime.UtcNow < deadline));
            Assert.True(cores.Crew.PartsByHelpers > 0, $"the lent core did no work in {epochs} epochs");
        }
        for (var e = 0; e < epochs; e++) alone.TrainEpoch();

        var a = alone.Checkpoint();
        var b = lent.Checkpoint();
        Assert.Equal(a.Values.SelectMany(v => v), b.Values.SelectMany(v => v));
        Assert.Equal(a.FirstMoments.SelectMany(v => v), b.FirstMoments.SelectMany(v => v));
        Assert.Equal(a.SecondMoments.SelectMany(v => v), b.SecondMoments.SelectMany(v => v));
        Assert.Equal(a.RunningStatistics.SelectMany(v => v), b.RunningStatistics.SelectMany(v => v));
        Assert.Equal(alone.Network.Evaluate(data), lent.Network.Evaluate(data));
    }

    [Fact]
    public void Evaluation_on_lent_cores_equals_evaluation_on_one()
    {
        var data = Data(640, seed: 4);
        var trainer = NewTrainer(data, "adam", 1024, 256);
        trainer.TrainEpoch();

        var alone = trainer.Network.Evaluate(data, chunk: 320);
        Evaluation lent;
        using (new LentCores(helpers: 1)) lent = trainer.Network.Evaluate(data, chunk: 320);

        Assert.Equal(alone, lent);
    }

    private static Trainer NewTrainer(Orleans.Tuning.Model.Data.Dataset data, string optimizer, int units, int batch) =>
        new(new NetworkConfig(64, 2, units, 10), new TrainingConfig(batch, 1e-3, Optimizer.Create(optimizer), new NoDecay()), data, seed: 9);

    // Gaussian features, the class from the largest of ten fixed feature sums: learnable, but not in one epoch.
    private static Orleans.Tuning.Model.Data.Dataset Data(int count, ulong seed)
    {
        var rng = new Rng(seed);
        var x = new float[count * 64];
        var y = new int[count];
        for (var i = 0; i < count; i++)
        {
            for (var f = 0; f < 64; f++) x[i * 64 + f] = (float)rng.NextGaussian();
            var best = 0;
            for (var c = 1; c < 10; c++)
                if (x[i * 64 + c * 6] + x[i * 64 + c * 6 + 1] > x[i * 64 + best * 6] + x[i * 64 + best * 6 + 1]) best = c;
            y[i] = best;
        }
        return new Orleans.Tuning.Model.Data.Dataset(x, y, 64, 10, "lent-cores");
    }
}
