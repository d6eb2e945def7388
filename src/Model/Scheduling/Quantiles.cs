namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Small statistics the schedulers share, defined once so that they agree.</summary>
internal static class Quantiles
{
    /// <summary>The q-quantile with linear interpolation between order statistics (numpy's default, which Ray Tune's ASHA uses).</summary>
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("needs at least one value", nameof(values));
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    public static double Median(IEnumerable<double> values) => Of(values, 0.5);
}
