namespace Orleans.Tuning.Model.Search;

/// <summary>Quasi-random points (the Halton sequence) that fill the unit cube more evenly than random ones, for small budgets.</summary>
/// <remarks>
/// Coordinate d of point i is the radical inverse of i + 1 in the d-th prime base. A seeded
/// random shift modulo 1 (Cranley–Patterson rotation) keeps the evenness while letting two
/// studies with different seeds try different points. Bases grow with the dimension and
/// high bases correlate, so it suits the handful of dimensions a network has.
/// </remarks>
public sealed class HaltonSampler : ISampler
{
    private readonly int[] bases;
    private readonly double[] shift;

    public HaltonSampler(int dimensions, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        bases = Primes().Take(dimensions).ToArray();
        var random = new SplitMix64(seed, 0);
        shift = bases.Select(_ => random.NextDouble()).ToArray();
    }

    public int Dimensions => bases.Length;

    public double[] Sample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var point = new double[bases.Length];
        for (var d = 0; d < point.Length; d++)
        {
            var x = RadicalInverse(index + 1L, bases[d]) + shift[d];
            point[d] = x >= 1 ? x - 1 : x;
        }
        return point;
    }

    // Index 0 would put every coordinate at 0; starting from 1 avoids a corner point.
    private static double RadicalInverse(long n, int radix)
    {
        var result = 0.0;
        var weight = 1.0 / radix;
        for (; n > 0; n /= radix, weight /= radix)
            result += n % radix * weight;
        return result;
    }

    private static IEnumerable<int> Primes()
    {
        for (var candidate = 2; ; candidate++)
        {
            var divisor = 2;
            while (divisor * divisor <= candidate && candidate % divisor != 0)
                divisor++;
            if (divisor * divisor > candidate)
                yield return candidate;
        }
    }
}
