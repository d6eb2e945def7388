namespace Orleans.Tuning.Model.Data;

/// <summary>A labelled classification dataset held in memory, one row per sample.</summary>
/// <remarks>
/// Features are row-major (sample i occupies <c>Features[i*FeatureCount .. (i+1)*FeatureCount)</c>)
/// so a mini-batch is gathered by copying whole rows, which is what the training loop does.
/// </remarks>
public sealed record Dataset(float[] Features, int[] Labels, int FeatureCount, int ClassCount, string Source)
{
    public int Count => Labels.Length;

    public ReadOnlySpan<float> Row(int i) => Features.AsSpan(i * FeatureCount, FeatureCount);
}
