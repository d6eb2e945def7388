using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Scheduling;

/// <summary>The "explore" step of population-based training: a nearby point of the unit cube, from a point that worked.</summary>
/// <remarks>
/// It works on unit-cube coordinates, so ×1.2 on a log-scaled learning rate moves it along
/// the decades, as every other search step does. Draws are made in a fixed order (per
/// dimension: resample?, then value or coin), so a seed gives the same point everywhere.
/// </remarks>
public static class Perturbation
{
    public const double DefaultResampleProbability = 0.25;
    public const double Down = 0.8;
    public const double Up = 1.2;

    /// <summary>
    /// Each perturbable coordinate is resampled uniformly with probability <paramref name="resampleProbability"/>,
    /// otherwise multiplied by 0.8 or 1.2 on a coin flip, then clamped to [0, 1]; the others are copied exactly.
    /// </summary>
    public static double[] Explore(IReadOnlyList<double> point, IReadOnlyList<bool> perturbable, double resampleProbability, Rng rng)
    {
        if (perturbable.Count != point.Count)
            throw new ArgumentException($"the mask has {perturbable.Count} entries for a point of {point.Count} coordinates", nameof(perturbable));
        if (!(resampleProbability >= 0 && resampleProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(resampleProbability), resampleProbability, "must lie in [0, 1]");
        var explored = new double[point.Count];
        for (var d = 0; d < explored.Length; d++)
        {
            if (!perturbable[d])
            {
                explored[d] = point[d];
                continue;
            }
            var value = rng.NextDouble() < resampleProbability
                ? rng.NextDouble()
                : point[d] * (rng.NextDouble() < 0.5 ? Down : Up);
            explored[d] = Math.Clamp(value, 0, 1);
        }
        return explored;
    }

    public static bool[] AllPerturbable(int dimensions) => Enumerable.Repeat(true, dimensions).ToArray();
}
