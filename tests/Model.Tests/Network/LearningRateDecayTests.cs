using Orleans.Tuning.Model.Network;

namespace Orleans.Tuning.Model.Tests.Network;

public class LearningRateDecayTests
{
    [Fact]
    public void Inverse_time_decay_divides_by_one_plus_decay_times_epoch()
    {
        var d = new InverseTimeDecay(1.0);
        Assert.Equal(0.2, d.Rate(0.2, 0), 12);
        Assert.Equal(0.1, d.Rate(0.2, 1), 12);
        Assert.Equal(0.05, d.Rate(0.2, 3), 12);
    }

    [Fact]
    public void Exponential_decay_multiplies_by_the_base_each_epoch()
    {
        var d = new ExponentialDecay(0.95);
        Assert.Equal(0.2, d.Rate(0.2, 0), 12);
        Assert.Equal(0.2 * 0.95 * 0.95, d.Rate(0.2, 2), 12);
    }

    [Fact]
    public void No_decay_keeps_the_rate() => Assert.Equal(0.3, new NoDecay().Rate(0.3, 100));

    [Fact]
    public void A_trainer_uses_the_decayed_rate_for_its_epoch()
    {
        var data = TinyData.Make(40, seed: 1);
        var trainer = new Trainer(new NetworkConfig(4, 1, 8, 3), new TrainingConfig(8, 0.1, new Orleans.Tuning.Model.Network.Optimizers.GradientDescent(), new InverseTimeDecay(1.0)), data, 1);
        Assert.Equal(0.1, trainer.CurrentLearningRate, 12);
        trainer.TrainEpoch();
        trainer.TrainEpoch();
        Assert.Equal(0.1 / 3, trainer.CurrentLearningRate, 12);
    }
}
