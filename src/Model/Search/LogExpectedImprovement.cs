using MathNet.Numerics;

namespace Orleans.Tuning.Model.Search;

/// <summary>log EI, the logarithm of the expected improvement over the best score so far, computed stably far into the tail (Ament et al. 2023, BoTorch's logEI).</summary>
/// <remarks>
/// Plain EI underflows to exactly 0 a few standard deviations below the best, so an optimiser of it sees a flat
/// landscape almost everywhere once the model is confident; its logarithm keeps a slope there.
/// EI = σ·h(z) with z = (μ − best)/σ and h(z) = φ(z) + z·Φ(z).
/// </remarks>
internal static class LogExpectedImprovement
{
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);
    private static readonly double HalfLogHalfPi = 0.5 * Math.Log(Math.PI / 2);

    public static double Of(double mean, double deviation, double best)
    {
        var z = (mean - best) / deviation;
        return Math.Log(deviation) + LogH(z);
    }

    internal static double LogH(double z)
    {
        if (z > -1) return Math.Log(Gaussian.Pdf(z) + z * (0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2))));
        // h(z) = φ(z)·(1 − |z|·erfcx(|z|/√2)·√(π/2)) for z < 0; in logs, with log1mexp for the bracket.
        if (z < -1e6) return -0.5 * z * z - HalfLogTwoPi - 2 * Math.Log(-z);
        var a = Math.Log(Erfcx(-z / Math.Sqrt(2)) * -z) + HalfLogHalfPi;
        return -0.5 * z * z - HalfLogTwoPi + Log1MinusExp(a);
    }

    // erfcx(x) = e^(x²)·erfc(x), for x ≥ 0; its asymptotic series once e^(x²) would overflow.
    private static double Erfcx(double x)
    {
        if (x < 25) return Math.Exp(x * x) * SpecialFunctions.Erfc(x);
        var inverse = 1 / (x * x);
        return 1 / (x * Math.Sqrt(Math.PI)) * (1 - 0.5 * inverse + 0.75 * inverse * inverse);
    }

    // log(1 − e^a) for a < 0, accurate at both ends.
    private static double Log1MinusExp(double a) => a > -Math.Log(2) ? Math.Log(-double.ExpM1(a)) : double.LogP1(-Math.Exp(a));
}
