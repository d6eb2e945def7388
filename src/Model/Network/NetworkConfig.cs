namespace Orleans.Tuning.Model.Network;

/// <summary>The architecture: input → [Dense → BatchNorm → ReLU] × HiddenLayers → Dense → softmax.</summary>
/// <param name="BatchNormMomentum">β of the exponentially weighted running mean and variance used at inference.</param>
public sealed record NetworkConfig(
    int Inputs,
    int HiddenLayers,
    int HiddenUnits,
    int Classes,
    float BatchNormMomentum = 0.9f,
    float BatchNormEpsilon = 1e-5f)
{
    public void Validate()
    {
        if (Inputs < 1) throw new ArgumentException($"inputs must be ≥ 1, got {Inputs}");
        if (HiddenLayers < 0) throw new ArgumentException($"layers must be ≥ 0, got {HiddenLayers}");
        if (HiddenUnits < 1) throw new ArgumentException($"hidden units must be ≥ 1, got {HiddenUnits}");
        if (Classes < 2) throw new ArgumentException($"classes must be ≥ 2, got {Classes}");
        if (BatchNormMomentum is < 0f or >= 1f) throw new ArgumentException($"batch-norm momentum must be in [0, 1), got {BatchNormMomentum}");
        if (BatchNormEpsilon <= 0f) throw new ArgumentException($"batch-norm epsilon must be > 0, got {BatchNormEpsilon}");
    }
}
