namespace Orleans.Tuning.Model.Network.Optimizers;

/// <summary>An update rule. Stateless: moments live in each <see cref="Parameter"/>, so a checkpoint holds them.</summary>
public abstract record Optimizer
{
    /// <summary>Applies one update to <paramref name="p"/> from its gradient; <paramref name="step"/> counts updates from 1.</summary>
    public void Update(Parameter p, float learningRate, long step) => Update(p, learningRate, step, 0, p.Length);

    /// <summary>The same for elements [from, to) only: every rule is element by element, so parts may be updated on different cores.</summary>
    public abstract void Update(Parameter p, float learningRate, long step, int from, int to);

    /// <summary>The optimizer named in a study spec, with the course notes' defaults for what is not given.</summary>
    public static Optimizer Create(string name, double? beta1 = null, double? beta2 = null, double? epsilon = null) =>
        name switch
        {
            "sgd" or "gd" => new GradientDescent(),
            "momentum" => new Momentum((float)(beta1 ?? 0.9)),
            "rmsprop" => new RmsProp((float)(beta2 ?? 0.999), (float)(epsilon ?? 1e-8)),
            "adam" => new Adam((float)(beta1 ?? 0.9), (float)(beta2 ?? 0.999), (float)(epsilon ?? 1e-8)),
            _ => throw new ArgumentException($"unknown optimizer '{name}' (expected sgd, momentum, rmsprop or adam)"),
        };

    public static IReadOnlyList<string> Names { get; } = ["sgd", "momentum", "rmsprop", "adam"];
}
