using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Search;

/// <summary>The seeded generators of model-based samplers: one independent stream per (sampler, seed, index), so a suggestion never depends on earlier calls.</summary>
internal static class SuggestionRandom
{
    public static Rng For(int seed, int index, ulong sampler) =>
        new((((ulong)(uint)seed << 32) | (uint)index) ^ sampler);

    /// <summary>A uniform point of the unit cube, snapped, that is not in <paramref name="tried"/> (null after many misses: the space is nearly full).</summary>
    public static double[]? UntriedUniform(Lattice lattice, Rng rng, TriedPoints tried, int attempts = 1000)
    {
        for (var a = 0; a < attempts; a++)
        {
            var point = new double[lattice.Dimensions];
            for (var d = 0; d < point.Length; d++) point[d] = lattice.Snap(d, rng.NextDouble());
            if (!tried.Contains(point)) return point;
        }
        return null;
    }

    /// <summary>Any point not yet tried, by enumerating a fully discrete space in order: the last resort when random draws keep hitting tried ones.</summary>
    public static double[] FirstUntried(Lattice lattice, TriedPoints tried)
    {
        if (lattice.Capacity == long.MaxValue || tried.Count >= lattice.Capacity)
            throw new InvalidOperationException($"no untried point left: {tried.Count} of {lattice.Capacity} tried");
        var digits = new int[lattice.Dimensions];
        for (long i = 0; i < lattice.Capacity; i++)
        {
            var point = new double[digits.Length];
            for (var d = 0; d < point.Length; d++) point[d] = lattice.LevelCentre(d, digits[d]);
            if (!tried.Contains(point)) return point;
            for (var d = 0; d < digits.Length && ++digits[d] == lattice.Levels(d); d++) digits[d] = 0;
        }
        throw new InvalidOperationException("no untried point left");
    }
}
