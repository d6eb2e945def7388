using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Network.Optimizers;

namespace Orleans.Tuning.Model.Tests.Network;

public class TrainerTests
{
    private static readonly NetworkConfig Net = new(4, 2, 16, 3);

    private static Trainer NewTrainer(ulong seed, Optimizer? optimizer = null) =>
        // 101 samples in batches of 16: the last batch is short, so the short-batch path is exercised too.
        new(Net, new TrainingConfig(16, 0.01, optimizer ?? new Adam(), new ExponentialDecay(0.9)), TinyData.Make(101, 3), seed);

    [Fact]
    public void The_same_seed_gives_bit_identical_weights_after_training()
    {
        var a = NewTrainer(42);
        var b = NewTrainer(42);
        for (var e = 0; e < 3; e++) { a.TrainEpoch(); b.TrainEpoch(); }
        Assert.Equal(Flatten(a.Checkpoint().Values), Flatten(b.Checkpoint().Values));
    }

    [Fact]
    public void A_last_batch_under_half_a_batch_is_left_to_the_next_epoch()
    {
        var trainer = NewTrainer(1); // 101 = 6·16 + 5: five samples are under half a batch

        trainer.TrainEpoch();

        Assert.Equal(6, trainer.Steps);
    }

    [Fact]
    public void A_different_seed_gives_different_weights()
    {
        var a = NewTrainer(42);
        var b = NewTrainer(43);
        a.TrainEpoch();
        b.TrainEpoch();
        Assert.NotEqual(Flatten(a.Checkpoint().Values), Flatten(b.Checkpoint().Values));
    }

    [Theory]
    [InlineData("adam")]
    [InlineData("momentum")]
    [InlineData("rmsprop")]
    public void Training_resumed_from_a_checkpoint_equals_uninterrupted_training(string optimizer)
    {
        var uninterrupted = NewTrainer(7, Optimizer.Create(optimizer));
        for (var e = 0; e < 4; e++) uninterrupted.TrainEpoch();

        var first = NewTrainer(7, Optimizer.Create(optimizer));
        first.TrainEpoch();
        first.TrainEpoch();
        var bytes = first.Checkpoint().ToBytes();
        for (var e = 0; e < 5; e++) first.TrainEpoch(); // the saved checkpoint must not move with its trainer

        var resumed = Trainer.Resume(Checkpoint.FromBytes(bytes), first.Training, TinyData.Make(101, 3));
        Assert.Equal(2, resumed.Epoch);
        resumed.TrainEpoch();
        resumed.TrainEpoch();

        var a = uninterrupted.Checkpoint();
        var b = resumed.Checkpoint();
        Assert.Equal(Flatten(a.Values), Flatten(b.Values));
        Assert.Equal(Flatten(a.FirstMoments), Flatten(b.FirstMoments));
        Assert.Equal(Flatten(a.SecondMoments), Flatten(b.SecondMoments));
        Assert.Equal(Flatten(a.RunningStatistics), Flatten(b.RunningStatistics));
        Assert.Equal(a.RngState, b.RngState);
        Assert.Equal(a.Steps, b.Steps);
    }

    [Fact]
    public void Training_lowers_the_loss_and_learns_the_classes()
    {
        var t = NewTrainer(1);
        var before = t.Network.Evaluate(TinyData.Make(300, 9));
        for (var e = 0; e < 30; e++) t.TrainEpoch();
        var after = t.Network.Evaluate(TinyData.Make(300, 9));
        Assert.True(after.Loss < before.Loss * 0.7, $"loss {before.Loss} → {after.Loss}");
        Assert.True(after.Accuracy > 0.8, $"accuracy {after.Accuracy}");
    }

    [Fact]
    public void A_checkpoint_that_does_not_fit_the_network_is_rejected()
    {
        var cp = NewTrainer(1).Checkpoint();
        var broken = cp with { Values = cp.Values[1..] };
        Assert.Throws<InvalidDataException>(() => Trainer.Resume(broken, TrainingConfig.Default with { BatchSize = 16 }, TinyData.Make(101, 3)));
        var bytes = cp.ToBytes();
        Assert.Throws<InvalidDataException>(() => Checkpoint.FromBytes(bytes[..^7]));
        Assert.Throws<InvalidDataException>(() => Checkpoint.FromBytes(bytes[..20]));
        bytes[0] = 99;
        Assert.Throws<InvalidDataException>(() => Checkpoint.FromBytes(bytes));
    }

    private static float[] Flatten(float[][] arrays) => [.. arrays.SelectMany(a => a)];
}
