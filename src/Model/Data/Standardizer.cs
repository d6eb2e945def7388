using System.Numerics.Tensors;

namespace Orleans.Tuning.Model.Data;

/// <summary>Per-feature z-scoring, fitted on training data and applied unchanged to any other part.</summary>
public sealed class Standardizer
{
    private readonly float[] _mean;
    private readonly float[] _std;

    private Standardizer(float[] mean, float[] std)
    {
        _mean = mean;
        _std = std;
    }

    public int FeatureCount => _mean.Length;

    public IReadOnlyList<float> Mean => _mean;

    /// <summary>Population standard deviation per feature; 1 for a constant feature so it maps to 0 instead of NaN.</summary>
    public IReadOnlyList<float> StdDev => _std;

    public static Standardizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
            throw new ArgumentException("cannot fit a standardizer on an empty dataset", nameof(train));

        var d = train.FeatureCount;
        var n = train.Count;
        // Accumulate in double: float sums of squares over 60000 rows of 0..255 pixels lose most of their digits.
        var row = new double[d];
        var sum = new double[d];
        var min = new float[d];
        var max = new float[d];
        train.Row(0).CopyTo(min);
        train.Row(0).CopyTo(max);
        for (var i = 0; i < n; i++)
        {
            var x = train.Row(i);
            TensorPrimitives.ConvertChecked<float, double>(x, row);
            TensorPrimitives.Add(sum, row, sum);
            TensorPrimitives.Min(min, x, min);
            TensorPrimitives.Max(max, x, max);
        }
        var mean = new double[d];
        TensorPrimitives.Divide(sum, n, mean);

        // Second pass over deviations rather than E[x²]−E[x]², which cancels badly when the mean is large.
        var squares = new double[d];
        for (var i = 0; i < n; i++)
        {
            TensorPrimitives.ConvertChecked<float, double>(train.Row(i), row);
            TensorPrimitives.Subtract(row, mean, row);
            TensorPrimitives.MultiplyAdd(row, row, squares, squares);
        }

        var meanF = new float[d];
        var stdF = new float[d];
        for (var j = 0; j < d; j++)
        {
            // Constancy is decided on the data, not on a rounded std, so a constant column maps to exactly 0.
            var constant = min[j] == max[j];
            meanF[j] = constant ? min[j] : (float)mean[j];
            var std = (float)Math.Sqrt(squares[j] / n);
            stdF[j] = constant || std == 0 ? 1f : std;
        }
        return new Standardizer(meanF, stdF);
    }

    /// <summary>Returns a standardized copy of <paramref name="data"/>; the input is left untouched.</summary>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
            throw new ArgumentException(
                $"dataset has {data.FeatureCount} features but the standardizer was fitted on {FeatureCount}", nameof(data));

        var features = new float[data.Features.Length];
        for (var i = 0; i < data.Count; i++)
        {
            var dst = features.AsSpan(i * FeatureCount, FeatureCount);
            TensorPrimitives.Subtract(data.Row(i), _mean, dst);
            TensorPrimitives.Divide(dst, _std, dst);
        }
        return data with { Features = features, Labels = (int[])data.Labels.Clone(), Source = $"{data.Source} [standardized]" };
    }
}
