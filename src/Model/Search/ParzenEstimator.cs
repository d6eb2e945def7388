using System.Numerics;
using System.Runtime.InteropServices;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Search;

/// <summary>A weighted mixture with one kernel per observed point plus a broad prior kernel: the density TPE fits to the good and to the other trials.</summary>
/// <remarks>
/// Multivariate, as Optuna's <c>multivariate=True</c>: a component is a whole point, so the dimensions of a good
/// trial are drawn together and their interactions survive. A continuous (or integer) coordinate gets a normal
/// kernel truncated to [0, 1] whose width follows Scott's rule as Optuna sets it (see <see cref="Bandwidths"/>); a categorical
/// one puts most of its mass on the observed choice and a little on every other. The prior kernel (centre 0.5,
/// width 1, uniform over choices) keeps every region possible when the observations are few.
/// </remarks>
internal sealed class ParzenEstimator
{
    private const double PriorWeight = 1.0;
    private static readonly double HalfLogTwoPi = 0.5 * Math.Log(2 * Math.PI);

    private readonly Lattice lattice;
    private readonly int n; // observed components; component n is the prior
    private readonly int dimensions;
    private readonly double[][] centres; // the observed points, shared with the caller, never written
    private readonly int[]? centreLevels; // n × D: the level of each categorical coordinate, for a cheap comparison; null without one
    private readonly bool[] categorical;
    private readonly double[] sigmas; // per dimension, the observed components' kernel width
    private readonly double[] halfInverseVariance; // per dimension, 1 / (2σ²)
    private readonly double[] constants; // per component: log weight + the kernels' log normalisers
    private readonly double[] cumulativeWeights;
    private readonly double epsilon; // categorical: the mass an observed component spreads over every choice
    private readonly double logHit, logMiss; // categorical kernel of an observed component: its choice, any other

    /// <param name="observations">How many observations the points stand for (more than their count when they are a
    /// subsample): Scott's rule sets the kernels' width from it.</param>
    public ParzenEstimator(Lattice lattice, IReadOnlyList<double[]> points, IReadOnlyList<double> weights, int? observations = null)
    {
        this.lattice = lattice;
        n = points.Count;
        dimensions = lattice.Dimensions;
        centres = [.. points];
        categorical = [.. Enumerable.Range(0, dimensions).Select(lattice.IsCategorical)];
        if (categorical.Any(c => c))
        {
            centreLevels = new int[n * dimensions];
            for (var i = 0; i < centreLevels.Length; i++)
                centreLevels[i] = categorical[i % dimensions] ? lattice.LevelOf(i % dimensions, centres[i / dimensions][i % dimensions]) : -1;
        }

        sigmas = Bandwidths(lattice, observations ?? n);
        halfInverseVariance = [.. sigmas.Select(s => 0.5 / (s * s))];
        var truncation = sigmas.Select(s => new Interpolated(mu => LogMassInside(mu, s))).ToArray();
        var logSigma = sigmas.Select(s => Math.Log(s)).ToArray();

        // Optuna's categorical kernel: prior_weight / (n + 1) on every choice, one more on the observed one, normalised.
        epsilon = PriorWeight / (n + 1);
        var total = weights.Sum() + PriorWeight;
        constants = new double[n + 1];
        cumulativeWeights = new double[n + 1];
        var cumulative = 0.0;
        for (var k = 0; k <= n; k++)
        {
            var w = (k < n ? weights[k] : PriorWeight) / total;
            cumulative += w;
            cumulativeWeights[k] = cumulative;
            var c = Math.Log(w);
            for (var d = 0; d < dimensions; d++)
            {
                if (categorical[d])
                {
                    if (k == n) c -= Math.Log(lattice.Levels(d));
                    continue;
                }
                c -= k < n
                    ? logSigma[d] + HalfLogTwoPi + truncation[d].At(centres[k][d])
                    : HalfLogTwoPi + LogMassInside(0.5, 1.0);
            }
            constants[k] = c;
        }
        cumulativeWeights[n] = 1;
        logHit = Math.Log(1 + epsilon);
        logMiss = Math.Log(epsilon);
        // Each categorical dimension's kernel is normalised by 1 + L·ε; folded into the observed components' constants.
        for (var d = 0; d < dimensions; d++)
        {
            if (!categorical[d]) continue;
            var norm = Math.Log(1 + lattice.Levels(d) * epsilon);
            for (var k = 0; k < n; k++) constants[k] -= norm;
        }
    }

    /// <summary>A point drawn from the mixture, snapped to the lattice.</summary>
    public double[] Draw(Rng rng)
    {
        var k = Array.BinarySearch(cumulativeWeights, rng.NextDouble());
        k = Math.Min(k < 0 ? ~k : k, n);
        var point = new double[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            if (lattice.IsCategorical(d))
            {
                var levels = lattice.Levels(d);
                // The observed choice with probability 1/(1 + Lε), else uniform: (1 + ε)/(1 + Lε) on it in all.
                var level = k == n || rng.NextDouble() * (1 + levels * epsilon) >= 1
                    ? rng.NextInt(levels)
                    : lattice.LevelOf(d, centres[k][d]);
                point[d] = lattice.LevelCentre(d, level);
                continue;
            }
            var (mu, s) = k < n ? (centres[k][d], sigmas[d]) : (0.5, 1.0);
            point[d] = lattice.Snap(d, TruncatedNormal(rng, mu, s));
        }
        return point;
    }

    /// <summary>log p(x) of each of <paramref name="xs"/>, summed over components by an online log-sum-exp.</summary>
    /// <remarks>
    /// The hot loop of a suggestion at a long history, so it runs component by component over all candidates at
    /// once (each centre is read from memory once), and a component whose log-kernel falls more than 25 below the
    /// running maximum is skipped: it adds less than e^−25 of the largest, so ten thousand of them move log p by
    /// less than 1e-6, far below what separates two candidates, and most exponentials are never taken.
    /// </remarks>
    public double[] LogDensities(double[][] xs)
    {
        var m = xs.Length;
        var width = Vector<double>.Count;
        var padded = (m + width - 1) / width * width;
        // Candidates by dimension (structure of arrays), so one component's squared distances to all of them run in SIMD lanes.
        var byDimension = new double[dimensions][];
        for (var d = 0; d < dimensions; d++)
        {
            byDimension[d] = new double[padded];
            for (var c = 0; c < m; c++) byDimension[d][c] = xs[c][d];
        }
        var levels = new int[m * dimensions];
        var max = new double[m];
        var sum = new double[m];
        for (var c = 0; c < m; c++)
        {
            max[c] = constants[n] + PriorLogKernel(xs[c]);
            sum[c] = 1;
            for (var d = 0; d < dimensions; d++) levels[c * dimensions + d] = categorical[d] ? lattice.LevelOf(d, xs[c][d]) : -1;
        }
        var kernel = new double[padded];
        var lanes = MemoryMarshal.Cast<double, Vector<double>>(kernel.AsSpan());
        for (var k = 0; k < n; k++)
        {
            var centre = centres[k];
            lanes.Fill(new Vector<double>(constants[k]));
            for (var d = 0; d < dimensions; d++)
            {
                if (categorical[d]) continue;
                var mu = new Vector<double>(centre[d]);
                var h = new Vector<double>(halfInverseVariance[d]);
                var column = MemoryMarshal.Cast<double, Vector<double>>(byDimension[d].AsSpan());
                for (var i = 0; i < lanes.Length; i++)
                {
                    var delta = column[i] - mu;
                    lanes[i] -= delta * delta * h;
                }
            }
            if (centreLevels is not null)
            {
                for (var c = 0; c < m; c++)
                {
                    for (var d = 0; d < dimensions; d++)
                    {
                        if (categorical[d]) kernel[c] += levels[c * dimensions + d] == centreLevels[k * dimensions + d] ? logHit : logMiss;
                    }
                }
            }
            for (var c = 0; c < m; c++)
            {
                var v = kernel[c];
                if (v > max[c])
                {
                    sum[c] = sum[c] * Math.Exp(max[c] - v) + 1;
                    max[c] = v;
                }
                else if (v > max[c] - 25)
                {
                    sum[c] += Math.Exp(v - max[c]);
                }
            }
        }
        var result = new double[m];
        for (var c = 0; c < m; c++) result[c] = max[c] + Math.Log(sum[c]);
        return result;
    }

    private double PriorLogKernel(double[] x)
    {
        var v = 0.0;
        for (var d = 0; d < dimensions; d++)
        {
            if (!categorical[d]) v -= 0.5 * (x[d] - 0.5) * (x[d] - 0.5);
        }
        return v;
    }

    // Scott's rule with Optuna's fixed spread, σ = 0.2·n^(−1/(D+4)) of the whole range. (The points' own spread
    // instead was tried: the kernels then collapse onto the first good basin, and Hartmann-6 at 200 trials fell from
    // about −3.12 to −2.34.) The floor keeps an integer's kernel reaching its neighbours.
    private static double[] Bandwidths(Lattice lattice, int observations)
    {
        var sigma = 0.2 * Math.Pow(Math.Max(observations, 1), -1.0 / (lattice.Dimensions + 4));
        return [.. Enumerable.Range(0, lattice.Dimensions).Select(d => Math.Max(sigma, lattice.Levels(d) > 0 ? 0.5 / lattice.Levels(d) : 0))];
    }

    // log of the mass a normal kernel centred at mu puts inside [0, 1]: its truncation's normaliser.
    private static double LogMassInside(double mu, double sigma) => Math.Log(Gaussian.Cdf((1 - mu) / sigma) - Gaussian.Cdf(-mu / sigma));

    /// <summary>A smooth function of u ∈ [0, 1] tabulated once and read by linear interpolation: every observed kernel
    /// shares one width, so its normaliser depends on its centre alone, and ten thousand centres cost a few hundred evaluations.</summary>
    private sealed class Interpolated
    {
        private const int Steps = 256;
        private readonly double[] table = new double[Steps + 1];

        public Interpolated(Func<double, double> f)
        {
            for (var i = 0; i <= Steps; i++) table[i] = f((double)i / Steps);
        }

        public double At(double u)
        {
            var position = Math.Clamp(u, 0, 1) * Steps;
            var i = Math.Min((int)position, Steps - 1);
            return table[i] + (position - i) * (table[i + 1] - table[i]);
        }
    }

    // Redrawn until it lands in [0, 1]: at least a third of a kernel's mass lies there, since its centre does.
    private static double TruncatedNormal(Rng rng, double mu, double sigma)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var x = mu + sigma * rng.NextGaussian();
            if (x is >= 0 and <= 1) return x;
        }
        return Math.Clamp(mu, 0, 1);
    }
}
