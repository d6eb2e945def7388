using System.Globalization;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Network.Optimizers;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Turns one trial's hyperparameters into the network and training it runs with.</summary>
public static class TrialSettings
{
    /// <summary>
    /// Each hyperparameter comes from <paramref name="searched"/> if sampled there, else from
    /// <paramref name="fixed"/>, else from its default in <see cref="Hyperparameters"/>.
    /// </summary>
    public static (NetworkConfig Network, TrainingConfig Training) From(
        Configuration searched, IReadOnlyDictionary<string, ParameterValue> @fixed, int inputs, int classes)
    {
        ParameterValue Value(Hyperparameter h)
        {
            foreach (var (name, value) in searched.Entries)
            {
                if (name == h.Name)
                    return value;
            }
            return @fixed.TryGetValue(h.Name, out var v) ? v : h.Default;
        }

        // A numeric hyperparameter searched over choices (batch_size: [32, 64]) arrives as the choice's text.
        double Number(Hyperparameter h)
        {
            var value = Value(h);
            return value.IsChoice ? double.Parse(value.Choice, NumberStyles.Float, CultureInfo.InvariantCulture) : value.Number;
        }

        int Integer(Hyperparameter h)
        {
            var x = Number(h);
            return x == Math.Floor(x) && x is >= int.MinValue and <= int.MaxValue
                ? (int)x
                : throw new ArgumentException($"{h.Name}: {x} is not an integer");
        }

        var optimizerName = Value(Hyperparameters.Optimizer).Choice;
        var optimizer = Optimizer.Create(
            optimizerName,
            beta1: Number(optimizerName == "momentum" ? Hyperparameters.Momentum : Hyperparameters.Beta1),
            beta2: Number(Hyperparameters.Beta2),
            epsilon: Number(Hyperparameters.Epsilon));

        var schedule = Value(Hyperparameters.DecaySchedule).Choice;
        var decay = Number(Hyperparameters.LearningRateDecay);
        // Exponential takes the fraction lost per epoch, so a decay of 0 means a constant rate under every schedule.
        var rateDecay = Network.LearningRateDecay.Create(schedule, schedule == "exponential" ? 1 - decay : decay);

        var network = new NetworkConfig(
            inputs,
            Integer(Hyperparameters.Layers),
            Integer(Hyperparameters.HiddenUnits),
            classes,
            BatchNormMomentum: (float)Number(Hyperparameters.BatchNormMomentum));
        var training = new TrainingConfig(Integer(Hyperparameters.BatchSize), Number(Hyperparameters.LearningRate), optimizer, rateDecay);
        network.Validate();
        training.Validate();
        return (network, training);
    }
}
