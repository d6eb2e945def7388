using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Network.Optimizers;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Tests.Specs;

public class TrialSettingsTests
{
    private static readonly Dictionary<string, ParameterValue> NoneFixed = [];

    [Fact]
    public void Searched_wins_over_fixed_which_wins_over_defaults()
    {
        var searched = new Configuration([KeyValuePair.Create("learning_rate", (ParameterValue)0.05)]);
        var @fixed = new Dictionary<string, ParameterValue> { ["learning_rate"] = 0.5, ["hidden_units"] = 128.0 };

        var (network, training) = TrialSettings.From(searched, @fixed, inputs: 64, classes: 10);

        Assert.Equal(0.05, training.LearningRate);
        Assert.Equal(128, network.HiddenUnits);
        Assert.Equal(2, network.HiddenLayers);
        Assert.Equal(64, training.BatchSize);
        Assert.Equal(new Adam(0.9f, 0.999f, 1e-8f), training.Optimizer);
        Assert.Equal(new InverseTimeDecay(0), training.Decay);
        Assert.Equal(new NetworkConfig(64, 2, 128, 10, BatchNormMomentum: 0.9f), network);
    }

    [Fact]
    public void The_momentum_optimizer_reads_momentum_and_adam_reads_its_betas()
    {
        var searched = new Configuration([KeyValuePair.Create("optimizer", (ParameterValue)"momentum"), KeyValuePair.Create("momentum", (ParameterValue)0.95)]);

        var (_, training) = TrialSettings.From(searched, new Dictionary<string, ParameterValue> { ["beta1"] = 0.8 }, 4, 3);

        Assert.Equal(new Momentum(0.95f), training.Optimizer);
    }

    [Fact]
    public void Numeric_choices_and_decay_schedules_become_settings()
    {
        var searched = new Configuration(
        [
            KeyValuePair.Create("batch_size", (ParameterValue)"32"),
            KeyValuePair.Create("decay_schedule", (ParameterValue)"exponential"),
            KeyValuePair.Create("learning_rate_decay", (ParameterValue)0.1),
        ]);

        var (_, training) = TrialSettings.From(searched, NoneFixed, 4, 3);

        Assert.Equal(32, training.BatchSize);
        Assert.Equal(new ExponentialDecay(0.9), training.Decay);
    }

    [Fact]
    public void A_sampled_configuration_of_every_example_space_builds_a_network()
    {
        var spec = StudySpecParser.Parse(
            "data: { path: d.csv }\nbudget: { trials: 1 }\nspace:\n" +
            string.Join("\n", Hyperparameters.All.Select(h => h.IsCategorical
                ? $"  {h.Name}: [{string.Join(", ", h.Choices!)}]"
                : h.Name switch
                {
                    "layers" => "  layers: { min: 0, max: 3 }",
                    "hidden_units" => "  hidden_units: { min: 8, max: 64 }",
                    "batch_size" => "  batch_size: { min: 2, max: 64 }",
                    "learning_rate_decay" => "  learning_rate_decay: { min: 0, max: 0.5 }",
                    "learning_rate" or "epsilon" => $"  {h.Name}: {{ min: 1.0e-9, max: 0.5 }}",
                    _ => $"  {h.Name}: {{ min: 0.5, max: 0.999 }}",
                })),
            "all.yaml");
        var sampler = new RandomSampler(spec.Space.Count, seed: 3);

        for (var i = 0; i < 50; i++)
            TrialSettings.From(spec.Space.ToConfiguration(sampler.Sample(i)), spec.Fixed, 4, 3);
    }

    [Theory]
    [InlineData("layers", true)]
    [InlineData("hidden_units", true)]
    [InlineData("batch_size", true)]
    [InlineData("learning_rate", false)]
    [InlineData("optimizer", true)]
    [InlineData("batchnorm_momentum", true)]
    [InlineData("beta1", false)]
    public void Architecture_hyperparameters_are_marked(string name, bool architecture)
    {
        Assert.Equal(architecture, Hyperparameters.IsArchitecture(name));
    }

    [Fact]
    public void The_registry_holds_every_hyperparameter_of_the_course_notes()
    {
        Assert.Equal(
            ["learning_rate", "momentum", "beta1", "beta2", "epsilon", "layers", "hidden_units", "learning_rate_decay", "decay_schedule", "batch_size", "optimizer", "batchnorm_momentum"],
            Hyperparameters.Names);
        Assert.All(Hyperparameters.All, h => Assert.Null(h.Check(h.Default)));
    }
}
