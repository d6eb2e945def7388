namespace Orleans.Tuning.Model.Search;

/// <summary>Uniform between <see cref="Min"/> and <see cref="Max"/>: for hyperparameters whose effect is roughly linear, such as the number of layers.</summary>
public sealed record LinearScale : Scale
{
    public LinearScale(double min, double max)
    {
        RequireOrdered(min, max);
        Min = min;
        Max = max;
    }

    public double Min { get; }
    public double Max { get; }

    public override double ToUnit(ParameterValue value) => (RequireWithin(value, Min, Max) - Min) / (Max - Min);

    private protected override (double Min, double Max) Bounds => (Min, Max);

    // Clamped because min + 1·(max − min) can overshoot max by an ulp.
    protected override ParameterValue FromUnit(double u) => Math.Clamp(Min + u * (Max - Min), Min, Max);
}
