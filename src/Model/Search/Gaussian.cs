namespace Orleans.Tuning.Model.Search;

/// <summary>The standard normal distribution's functions the model-based samplers need.</summary>
internal static class Gaussian
{
    private static readonly double LogSqrtTwoPi = 0.5 * Math.Log(2 * Math.PI);

    public static double Pdf(double x) => Math.Exp(-0.5 * x * x - LogSqrtTwoPi);

    public static double LogPdf(double x) => -0.5 * x * x - LogSqrtTwoPi;

    /// <summary>Φ(x), to a relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit of erfc): cheap enough to call per kernel.</summary>
    public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
