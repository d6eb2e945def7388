namespace Orleans.Tuning.Model.Search;

/// <summary>A tiny counter-based generator: a stream per (seed, index), so any point can be recomputed on its own.</summary>
/// <remarks>System.Random cannot jump to the n-th draw; SplitMix64 keyed by the index can.</remarks>
internal struct SplitMix64(int seed, int index)
{
    private ulong state = ((ulong)(uint)seed << 32) | (uint)index;

    public double NextDouble()
    {
        state += 0x9E3779B97F4A7C15;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
