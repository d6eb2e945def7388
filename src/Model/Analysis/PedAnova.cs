namespace Orleans.Tuning.Model.Analysis;

/// <summary>
/// Hyperparameter importance by PED-ANOVA: how differently each dimension is distributed among the best trials
/// than among all of them, as a Pearson divergence, normalized to sum to 1.
/// </summary>
/// <remarks>
/// Watanabe, Bansal and Hutter, "PED-ANOVA: Efficiently Quantifying Hyperparameter Importance in Arbitrary
/// Subspaces", IJCAI 2023 (arXiv:2304.10255). They show that the variance a dimension explains inside the
/// γ-set (the trials above the γ quantile) is, up to a constant, the Pearson divergence between that
/// dimension's density among the γ'-best trials (γ' &lt; γ) and its density in the γ-set. A dimension that does
/// not matter is spread the same way among the best as among all; one that matters is concentrated.
/// It needs no surrogate model, so it is cheap and deterministic, and it works on the points the study
/// already keeps: coordinates in the unit cube, where each dimension is already on its own scale.
/// Densities are estimated on a grid: a Gaussian kernel (Scott's bandwidth) for continuous dimensions, a
/// histogram over the choices for categorical ones, each mixed with a uniform prior so a sparse top set
/// never divides by zero.
/// </remarks>
public static class PedAnova
{
    private const int GridPoints = 100;

    /// <param name="points">One point of the unit cube per trial.</param>
    /// <param name="scores">Higher is better; NaN (a diverged trial) is left out.</param>
    /// <param name="levels">Per dimension, the number of categorical choices, or 0 for a continuous (or integer) dimension.</param>
    /// <param name="topQuantile">γ': the share of the trials that counts as best.</param>
    /// <param name="regionQuantile">γ: the share that defines the subspace asked about; 1 asks about the whole space.</param>
    /// <returns>One importance per dimension, summing to 1 (all 0 when nothing can be told apart).</returns>
    public static double[] Importance(
        IReadOnlyList<double[]> points, IReadOnlyList<double> scores, IReadOnlyList<int> levels,
        double topQuantile = 0.1, double regionQuantile = 1.0)
    {
        if (points.Count != scores.Count)
            throw new ArgumentException($"{points.Count} points but {scores.Count} scores");
        if (!(topQuantile > 0 && topQuantile < regionQuantile && regionQuantile <= 1))
            throw new ArgumentOutOfRangeException(nameof(topQuantile), "need 0 < top quantile < region quantile <= 1");
        var dimensions = levels.Count;
        var ranked = Enumerable.Range(0, points.Count)
            .Where(i => !double.IsNaN(scores[i]))
            .OrderByDescending(i => scores[i])
            .Select(i => points[i])
            .ToList();
        var region = ranked.Take((int)Math.Ceiling(regionQuantile * ranked.Count)).ToList();
        // At least two best trials: one point says nothing about a distribution.
        var top = region.Take(Math.Max(2, (int)Math.Ceiling(topQuantile * ranked.Count))).ToList();
        var importance = new double[dimensions];
        if (top.Count >= region.Count)
            return importance;

        for (var d = 0; d < dimensions; d++)
        {
            var column = d;
            var inTop = Density(top.Select(p => p[column]).ToArray(), levels[d]);
            var inRegion = Density(region.Select(p => p[column]).ToArray(), levels[d]);
            importance[d] = PearsonDivergence(inTop, inRegion);
        }
        var total = importance.Sum();
        return total > 0 ? [.. importance.Select(v => v / total)] : importance;
    }

    /// <summary>∑ q·(p/q − 1)², the divergence of <paramref name="p"/> from <paramref name="q"/> (both probability masses on one grid).</summary>
    private static double PearsonDivergence(double[] p, double[] q)
    {
        var sum = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var ratio = p[i] / q[i] - 1;
            sum += q[i] * ratio * ratio;
        }
        return sum;
    }

    // Masses on the grid; the uniform prior weighs as one more sample, as in Optuna's Parzen estimators.
    private static double[] Density(double[] u, int choices)
    {
        var bins = choices > 0 ? choices : GridPoints;
        var mass = new double[bins];
        if (choices > 0)
        {
            foreach (var x in u)
                mass[Math.Clamp((int)(x * choices), 0, choices - 1)] += 1;
        }
        else
        {
            var bandwidth = Bandwidth(u);
            foreach (var x in u)
            {
                var kernel = new double[bins];
                for (var b = 0; b < bins; b++)
                {
                    var z = ((b + 0.5) / bins - x) / bandwidth;
                    kernel[b] = Math.Exp(-0.5 * z * z);
                }
                // Each sample contributes mass 1 inside [0, 1]: the part of its kernel outside the cube is not lost to it.
                var k = kernel.Sum();
                for (var b = 0; b < bins; b++)
                    mass[b] += kernel[b] / k;
            }
        }
        var n = u.Length;
        for (var b = 0; b < bins; b++)
            mass[b] = (mass[b] + 1.0 / bins) / (n + 1);
        return mass;
    }

    // Scott's rule, floored at one grid cell so identical points still make a density.
    private static double Bandwidth(double[] u)
    {
        var mean = u.Average();
        var sd = Math.Sqrt(u.Sum(x => (x - mean) * (x - mean)) / Math.Max(1, u.Length - 1));
        return Math.Max(1.06 * sd * Math.Pow(u.Length, -0.2), 1.0 / GridPoints);
    }
}
