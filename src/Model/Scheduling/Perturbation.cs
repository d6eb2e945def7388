using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Scheduling;

/// <summary>The "explore" step of population-based training: a nearby point, from a point that worked.</summary>
/// <remarks>
/// The step is taken on each dimension's own scale (<see cref="Scale.Perturb"/>): a learning rate
/// is multiplied by 0.8 or 1.2 wherever it sits in its range, β moves by a factor of 1 − β, a
/// choice moves to its neighbour. A step of ×1.2 on the unit-cube coordinate instead would move a
/// learning rate near the top of its range far more than one near the bottom, and never move u = 0.
/// Draws are made in a fixed order (per dimension: resample?, then value or coin), so a seed gives the same point everywhere.
/// </remarks>
public static class Perturbation
{
    public const double DefaultResampleProbability = 0.25;
    public const double Down = 0.8;
    public const double Up = 1.2;

    /// <summary>
    /// Each perturbable coordinate is resampled uniformly with probability <paramref name="resampleProbability"/>,
    /// otherwise its value is scaled by 0.8 or 1.2 on a coin flip, within its bounds; the others are copied exactly.
    /// </summary>
    public static double[] Explore(IReadOnlyList<double> point, IReadOnlyList<bool> perturbable, double resampleProbability, IReadOnlyList<Scale> scales, Rng rng)
    {
        if (perturbable.Count != point.Count || scales.Count != point.Count)
            throw new ArgumentException($"the mask has {perturbable.Count} entries and there are {scales.Count} scales for a point of {point.Count} coordinates", nameof(perturbable));
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
            explored[d] = rng.NextDouble() < resampleProbability
                ? rng.NextDouble()
                : scales[d].Perturb(point[d], rng.NextDouble() < 0.5 ? Down : Up);
        }
        return explored;
    }

    public static bool[] AllPerturbable(int dimensions) => Enumerable.Repeat(true, dimensions).ToArray();
}
