using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Orleans.Tuning.Model.Search;

/// <summary>A Gaussian process over the unit cube with a Matérn 5/2 kernel, one length-scale per dimension (ARD), conditioned on scored points.</summary>
/// <remarks>
/// Scores are standardised (mean 0, variance 1) before fitting; predictions come back on that scale. A categorical
/// coordinate contributes distance 1/ℓ when the choices differ and 0 when they match (its u has no order); integer
/// coordinates arrive snapped, so the kernel sees the values a network trains with. All solves go through the
/// Cholesky factor of K (MathNet), never an inverse.
/// </remarks>
internal sealed class GaussianProcess
{
    private static readonly double Sqrt5 = Math.Sqrt(5);

    private readonly Lattice lattice;
    private readonly double[][] x;
    private readonly double[] lengthScales;
    private readonly double signal; // σ_f²
    private readonly Cholesky<double> cholesky;
    private readonly double[] lower; // L, row-major n × n, for the forward substitutions of predictions
    private readonly Vector<double> alpha; // K⁻¹y, by two triangular solves

    public GaussianProcess(Lattice lattice, double[][] x, double[] y, GpHyperparameters h)
    {
        this.lattice = lattice;
        this.x = x;
        lengthScales = h.LengthScales;
        signal = h.Signal;
        var n = x.Length;
        var k = Matrix<double>.Build.Dense(n, n, (i, j) => signal * Matern(Distance(x[i], x[j], lengthScales)) + (i == j ? h.Noise : 0));
        cholesky = k.Cholesky();
        var l = cholesky.Factor;
        lower = new double[n * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
                lower[i * n + j] = l[i, j];
        alpha = cholesky.Solve(Vector<double>.Build.DenseOfArray(y));
        Y = y;
    }

    public double[] Y { get; }

    public int Count => x.Length;

    /// <summary>The posterior mean and standard deviation of the latent function at <paramref name="point"/>.</summary>
    public (double Mean, double Deviation) Predict(double[] point)
    {
        var n = x.Length;
        Span<double> v = n <= 512 ? stackalloc double[n] : new double[n];
        var mean = 0.0;
        for (var i = 0; i < n; i++)
        {
            v[i] = signal * Matern(Distance(point, x[i], lengthScales));
            mean += v[i] * alpha[i];
        }
        // v ← L⁻¹k*, by forward substitution: the variance removed by the observations is ‖v‖².
        var explained = 0.0;
        for (var i = 0; i < n; i++)
        {
            var s = v[i];
            var row = i * n;
            for (var j = 0; j < i; j++) s -= lower[row + j] * v[j];
            v[i] = s / lower[row + i];
            explained += v[i] * v[i];
        }
        return (mean, Math.Sqrt(Math.Max(signal - explained, 1e-18)));
    }

    // Matérn 5/2 as a function of the scaled distance r: (1 + √5 r + 5r²/3)·e^(−√5 r).
    internal static double Matern(double r) => (1 + Sqrt5 * r + 5.0 / 3 * r * r) * Math.Exp(-Sqrt5 * r);

    internal double Distance(double[] a, double[] b, double[] scales) => Math.Sqrt(SquaredDistance(lattice, a, b, scales));

    internal static double SquaredDistance(Lattice lattice, double[] a, double[] b, double[] scales)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var delta = lattice.IsCategorical(d)
                ? (lattice.LevelOf(d, a[d]) == lattice.LevelOf(d, b[d]) ? 0 : 1)
                : a[d] - b[d];
            sum += delta * delta / (scales[d] * scales[d]);
        }
        return sum;
    }
}

/// <summary>A Gaussian process's hyperparameters: one length-scale per dimension, the signal variance σ_f² and the noise variance σ_n².</summary>
internal sealed record GpHyperparameters(double[] LengthScales, double Signal, double Noise);
