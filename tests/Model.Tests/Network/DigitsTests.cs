using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Network.Optimizers;

namespace Orleans.Tuning.Model.Tests.Network;

public class DigitsTests
{
    [Fact]
    public void A_two_layer_network_reaches_95_percent_validation_accuracy_on_digits()
    {
        var data = PreparedDataset.Load(TestData.Path("digits.csv"), null, validationFraction: 0.2, seed: 1);
        var trainer = new Trainer(
            new NetworkConfig(data.Train.FeatureCount, HiddenLayers: 2, HiddenUnits: 64, Classes: 10),
            new TrainingConfig(BatchSize: 32, LearningRate: 3e-3, new Adam(), new NoDecay()),
            data.Train,
            seed: 1);
        for (var e = 0; e < 15; e++) trainer.TrainEpoch();
        var validation = trainer.Network.Evaluate(data.Validation);
        Assert.True(validation.Accuracy >= 0.95, $"validation accuracy {validation.Accuracy:P1}");
    }
}
