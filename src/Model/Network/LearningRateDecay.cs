namespace Orleans.Tuning.Model.Network;

/// <summary>How the learning rate falls with the epoch number (counted from 0).</summary>
public abstract record LearningRateDecay
{
    public abstract double Rate(double initial, int epoch);

    /// <summary>The decay named in a study spec: none, inverse-time (α/(1 + decay·epoch)) or exponential (α·decayᵉᵖᵒᶜʰ).</summary>
    public static LearningRateDecay Create(string kind, double decay) => kind switch
    {
        "none" => new NoDecay(),
        "inverse-time" => new InverseTimeDecay(decay),
        "exponential" => new ExponentialDecay(decay),
        _ => throw new ArgumentException($"unknown learning-rate decay '{kind}' (expected none, inverse-time or exponential)"),
    };
}

/// <summary>A constant learning rate.</summary>
public sealed record NoDecay : LearningRateDecay
{
    public override double Rate(double initial, int epoch) => initial;
}

/// <summary>α = α₀ / (1 + decay·epoch), the course notes' first schedule.</summary>
public sealed record InverseTimeDecay(double Decay) : LearningRateDecay
{
    public override double Rate(double initial, int epoch) => initial / (1.0 + Decay * epoch);
}

/// <summary>α = α₀ · baseᵉᵖᵒᶜʰ with a base in (0, 1], e.g. 0.95.</summary>
public sealed record ExponentialDecay(double Base) : LearningRateDecay
{
    public override double Rate(double initial, int epoch) => initial * Math.Pow(Base, epoch);
}
