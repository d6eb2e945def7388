using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Orleans.Tuning.Model.Search;

/// <summary>Fits a Gaussian process's hyperparameters by maximising the marginal likelihood of the standardised scores plus log-normal priors (MAP).</summary>
/// <remarks>
/// Priors: each length-scale log-normal around √2 + ½·log D with σ = √3 (Hvarfner et al. 2024, BoTorch's default:
/// longer scales in more dimensions); the signal variance log-normal around 1; the noise variance log-normal around
/// e^−6 with σ = 2, so a smooth deterministic function drives it to its floor and a noisy one raises it. Optimised in
/// log space by bounded BFGS (MathNet) from two starts, short and long length-scales, with the analytic gradient
/// ½·tr((ααᵀ − K⁻¹)·∂K/∂θ); the trace needs K⁻¹, which comes from the Cholesky factor, never an explicit inverse.
/// </remarks>
internal static class GpFit
{
    private const double MinNoise = 1e-6;
    private const int MaxIterations = 60;

    public static GpHyperparameters Fit(Lattice lattice, double[][] x, double[] y)
    {
        var n = x.Length;
        var dims = lattice.Dimensions;
        // Per-dimension squared differences, computed once: every evaluation rescales them.
        var squared = new double[dims][];
        for (var d = 0; d < dims; d++)
        {
            squared[d] = new double[n * n];
            for (var i = 0; i < n; i++)
                for (var j = 0; j < i; j++)
                {
                    var delta = lattice.IsCategorical(d)
                        ? (lattice.LevelOf(d, x[i][d]) == lattice.LevelOf(d, x[j][d]) ? 0 : 1)
                        : x[i][d] - x[j][d];
                    squared[d][i * n + j] = squared[d][j * n + i] = delta * delta;
                }
        }
        var priorMean = Math.Sqrt(2) + 0.5 * Math.Log(dims);
        var lowerBound = Vector<double>.Build.Dense(dims + 2, i => i < dims ? Math.Log(0.005) : i == dims ? Math.Log(0.05) : Math.Log(MinNoise));
        var upperBound = Vector<double>.Build.Dense(dims + 2, i => i < dims ? Math.Log(20) : i == dims ? Math.Log(20) : 0);

        var best = (Value: double.PositiveInfinity, Theta: (Vector<double>?)null);
        (double, Vector<double>) Objective(Vector<double> theta)
        {
            var (value, gradient) = NegativeLogPosterior(theta, squared, y, priorMean);
            if (value < best.Value) best = (value, theta.Clone());
            return (value, gradient);
        }
        foreach (var start in new[] { 0.2, 1.0 })
        {
            var initial = Vector<double>.Build.Dense(dims + 2, i => i < dims ? Math.Log(start) : i == dims ? 0 : Math.Log(1e-3));
            try
            {
                new BfgsBMinimizer(1e-4, 1e-5, 1e-7, MaxIterations).FindMinimum(ObjectiveFunction.Gradient(Objective), lowerBound, upperBound, initial);
            }
            catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException or EvaluationException or ArgumentException)
            {
                // A failed line search still leaves the best point evaluated so far, which is what we keep.
            }
        }
        var t = best.Theta ?? Vector<double>.Build.Dense(dims + 2, i => i < dims ? Math.Log(0.5) : i == dims ? 0 : Math.Log(1e-3));
        return new GpHyperparameters([.. t.Take(dims).Select(Math.Exp)], Math.Exp(t[dims]), Math.Exp(t[dims + 1]));
    }

    // K⁻¹ = L⁻ᵀL⁻¹ from the Cholesky factor: L⁻¹ by forward substitution, then the lower triangle of the product
    // (a third of the work of solving against the identity). Row-major; only j ≤ i is filled.
    private static double[] InverseFromFactor(Matrix<double> factor)
    {
        var n = factor.RowCount;
        var l = factor.ToRowMajorArray();
        var m = new double[n * n]; // L⁻¹, lower triangular
        for (var i = 0; i < n; i++)
        {
            m[i * n + i] = 1 / l[i * n + i];
            for (var j = 0; j < i; j++)
            {
                var s = 0.0;
                for (var k = j; k < i; k++) s -= l[i * n + k] * m[k * n + j];
                m[i * n + j] = s / l[i * n + i];
            }
        }
        var inverse = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var s = 0.0;
                for (var k = i; k < n; k++) s += m[k * n + i] * m[k * n + j];
                inverse[i * n + j] = s;
            }
        return inverse;
    }

    private static (double, Vector<double>) NegativeLogPosterior(Vector<double> theta, double[][] squared, double[] y, double priorMean)
    {
        var n = y.Length;
        var dims = squared.Length;
        var inverseSquaredScales = new double[dims];
        for (var d = 0; d < dims; d++) inverseSquaredScales[d] = Math.Exp(-2 * theta[d]);
        var signal = Math.Exp(theta[dims]);
        var noise = Math.Exp(theta[dims + 1]);
        var sqrt5 = Math.Sqrt(5);

        // K and, per pair, the factor that turns a dimension's squared difference into ∂K/∂log ℓ_d.
        var k = Matrix<double>.Build.Dense(n, n);
        var slope = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            k[i, i] = signal + noise + 1e-9;
            for (var j = 0; j < i; j++)
            {
                var r2 = 0.0;
                for (var d = 0; d < dims; d++) r2 += squared[d][i * n + j] * inverseSquaredScales[d];
                var r = Math.Sqrt(r2);
                var e = Math.Exp(-sqrt5 * r);
                k[i, j] = k[j, i] = signal * (1 + sqrt5 * r + 5.0 / 3 * r2) * e;
                slope[i * n + j] = signal * 5.0 / 3 * (1 + sqrt5 * r) * e;
            }
        }
        var gradient = Vector<double>.Build.Dense(dims + 2);
        MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<double> cholesky;
        try
        {
            cholesky = k.Cholesky();
        }
        catch (ArgumentException)
        {
            return (1e10, gradient);
        }
        var yv = Vector<double>.Build.DenseOfArray(y);
        var alpha = cholesky.Solve(yv);
        var logDet = 0.0;
        for (var i = 0; i < n; i++) logDet += Math.Log(cholesky.Factor[i, i]);
        var logLikelihood = -0.5 * yv.DotProduct(alpha) - logDet - 0.5 * n * Math.Log(2 * Math.PI);

        // W = ααᵀ − K⁻¹, with K⁻¹ from the factor.
        var kInverse = InverseFromFactor(cholesky.Factor);
        var signalGradient = 0.0;
        var noiseGradient = 0.0;
        for (var i = 0; i < n; i++)
        {
            var wii = alpha[i] * alpha[i] - kInverse[i * n + i];
            signalGradient += 0.5 * wii * signal;
            noiseGradient += 0.5 * wii * noise;
            for (var j = 0; j < i; j++)
            {
                var w = alpha[i] * alpha[j] - kInverse[i * n + j]; // symmetric: each off-diagonal pair counts twice
                signalGradient += w * k[i, j];
                var s = w * slope[i * n + j];
                for (var d = 0; d < dims; d++) gradient[d] += s * squared[d][i * n + j] * inverseSquaredScales[d];
            }
        }
        gradient[dims] = signalGradient;
        gradient[dims + 1] = noiseGradient;

        // Priors, Gaussian in the log parameters.
        const double scaleSigma2 = 3.0; // (√3)²
        var logPrior = 0.0;
        for (var d = 0; d < dims; d++)
        {
            logPrior -= (theta[d] - priorMean) * (theta[d] - priorMean) / (2 * scaleSigma2);
            gradient[d] -= (theta[d] - priorMean) / scaleSigma2;
        }
        logPrior -= theta[dims] * theta[dims] / 2;
        gradient[dims] -= theta[dims];
        logPrior -= (theta[dims + 1] + 6) * (theta[dims + 1] + 6) / 8;
        gradient[dims + 1] -= (theta[dims + 1] + 6) / 4;

        return (-(logLikelihood + logPrior), -gradient);
    }
}
