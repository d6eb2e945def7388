using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Network.Optimizers;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Every hyperparameter the course notes list (3.1), with the scale each is best searched on (3.2).</summary>
/// <remarks>
/// Which β an optimizer reads: momentum reads <c>momentum</c>; Adam reads <c>beta1</c>, <c>beta2</c>
/// and <c>epsilon</c>; RMSprop reads <c>beta2</c> and <c>epsilon</c>; plain gradient descent none.
/// The learning rate falls by <c>learning_rate_decay</c> under <c>decay_schedule</c>:
/// inverse-time α/(1 + decay·epoch) or exponential α·(1 − decay)^epoch. A decay of 0 (the
/// default) keeps the rate constant under either, so the default schedule, inverse-time, only
/// matters once a decay is given; <c>none</c> ignores the decay.
/// </remarks>
public static class Hyperparameters
{
    public static Hyperparameter LearningRate { get; } = new("learning_rate", "α, the step size", 1e-3, ScaleKind.Log, Lower: 0, LowerInclusive: false);

    public static Hyperparameter Momentum { get; } = new("momentum", "β of the momentum optimizer", 0.9, ScaleKind.OneMinusLog, Lower: 0, LowerInclusive: false, Below: 1);

    public static Hyperparameter Beta1 { get; } = new("beta1", "β1 of Adam (first moment)", 0.9, ScaleKind.OneMinusLog, Lower: 0, LowerInclusive: false, Below: 1);

    public static Hyperparameter Beta2 { get; } = new("beta2", "β2 of Adam and RMSprop (second moment)", 0.999, ScaleKind.OneMinusLog, Lower: 0, LowerInclusive: false, Below: 1);

    public static Hyperparameter Epsilon { get; } = new("epsilon", "ε of Adam and RMSprop", 1e-8, ScaleKind.Log, Lower: 0, LowerInclusive: false);

    public static Hyperparameter Layers { get; } = new("layers", "number of hidden layers", 2, ScaleKind.Int, Lower: 0, IsInteger: true, IsArchitecture: true);

    public static Hyperparameter HiddenUnits { get; } = new("hidden_units", "units per hidden layer", 64, ScaleKind.IntLog, Lower: 1, IsInteger: true, IsArchitecture: true);

    public static Hyperparameter LearningRateDecay { get; } = new("learning_rate_decay", "how fast the learning rate falls per epoch", 0, ScaleKind.Linear, Lower: 0);

    public static Hyperparameter DecaySchedule { get; } = new("decay_schedule", "how the decay applies", "inverse-time", ScaleKind.Categorical,
        Choices: ["none", "inverse-time", "exponential"]);

    // Batch norm needs two samples per batch for a variance.
    public static Hyperparameter BatchSize { get; } = new("batch_size", "mini-batch size", 64, ScaleKind.IntLog, Lower: 2, IsInteger: true, IsArchitecture: true);

    // Architecture-like: a checkpoint's moments and step count belong to its optimizer; switched
    // mid-training, Adam would start from RMSprop's moments with its bias correction long gone.
    public static Hyperparameter Optimizer { get; } = new("optimizer", "the update rule", "adam", ScaleKind.Categorical,
        Choices: Network.Optimizers.Optimizer.Names, IsArchitecture: true);

    // Architecture-like: it is part of the network a checkpoint rebuilds, so a resumed trial keeps the value it started with.
    public static Hyperparameter BatchNormMomentum { get; } = new("batchnorm_momentum", "β of batch norm's running mean and variance", 0.9, ScaleKind.OneMinusLog, Lower: 0, Below: 1,
        IsArchitecture: true);

    public static IReadOnlyList<Hyperparameter> All { get; } =
    [
        LearningRate, Momentum, Beta1, Beta2, Epsilon, Layers, HiddenUnits,
        LearningRateDecay, DecaySchedule, BatchSize, Optimizer, BatchNormMomentum,
    ];

    /// <summary>
    /// Whether <paramref name="name"/> acts on a trial whose settings are read by <paramref name="valueOf"/>: each β and ε only under
    /// the optimizers that read it, the decay only under a schedule. Coarse-to-fine leaves a dimension alone on trials where it did
    /// not act, since their scores say nothing about it.
    /// </summary>
    public static bool IsActive(string name, Func<Hyperparameter, ParameterValue> valueOf)
    {
        string Optimizer() => valueOf(Hyperparameters.Optimizer).Choice;
        return name switch
        {
            "momentum" => Optimizer() == "momentum",
            "beta1" => Optimizer() == "adam",
            "beta2" or "epsilon" => Optimizer() is "adam" or "rmsprop",
            "learning_rate_decay" => valueOf(DecaySchedule).Choice != "none",
            _ => true,
        };
    }

    private static readonly Dictionary<string, Hyperparameter> ByName = All.ToDictionary(h => h.Name);

    public static IEnumerable<string> Names => All.Select(h => h.Name);

    public static bool TryGet(string name, out Hyperparameter hyperparameter) => ByName.TryGetValue(name, out hyperparameter!);

    public static Hyperparameter Get(string name) =>
        ByName.TryGetValue(name, out var h) ? h : throw new ArgumentException($"unknown hyperparameter '{name}'{DidYouMean.Hint(name, Names)}");

    /// <summary>
    /// True for the hyperparameters fixed for a trial's life (layers, hidden_units, batch_size, optimizer, batchnorm_momentum):
    /// they shape the weights, their batches or the state a checkpoint carries, so population explore never changes them.
    /// </summary>
    public static bool IsArchitecture(string name) => Get(name).IsArchitecture;
}
