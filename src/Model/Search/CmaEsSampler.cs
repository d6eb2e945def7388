using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Search;

/// <summary>
/// CMA-ES (Hansen's covariance matrix adaptation evolution strategy) in the unit cube: a normal search distribution
/// whose mean, step size and covariance move toward the better trials, generation by generation.
/// </summary>
/// <remarks>
/// <para>Standard settings from Hansen's tutorial (2016): λ = 4 + ⌊3 ln D⌋ trials a generation, the better half
/// recombined with log weights, cumulative step-size adaptation, rank-one and rank-μ covariance updates; it starts
/// at the centre with σ = 1/6 of the range, as Optuna's CmaEsSampler does.</para>
/// <para>It keeps no state between calls: the distribution is replayed from the history each time, every λ ended
/// trials in launch order making a generation, so a resumed study rebuilds it exactly. A point is drawn with its own
/// seeded stream, redrawn while it falls outside the cube, and snapped; integer dimensions are searched as
/// continuous and rounded. Categorical dimensions have no order for a normal distribution to move along, so they are
/// rejected (the spec says so). A trial that failed counts as the worst of its generation.</para>
/// </remarks>
public sealed class CmaEsSampler : IModelSampler
{
    private const ulong Stream = 0xC3A0_0000_0000_0000;

    private readonly Lattice lattice;
    private readonly int seed;
    private readonly int n;
    private readonly int lambda, mu;
    private readonly double[] weights;
    private readonly double muEff, cSigma, dSigma, cC, c1, cMu, chiN;

    public CmaEsSampler(SearchSpace space, int seed)
    {
        var categorical = space.Dimensions.FirstOrDefault(d => d.Scale is CategoricalScale);
        if (categorical is not null)
            throw new ArgumentException($"{categorical.Name}: CMA-ES searches continuous and integer dimensions, not categorical ones", nameof(space));
        lattice = new Lattice(space);
        this.seed = seed;
        n = space.Count;
        lambda = 4 + (int)Math.Floor(3 * Math.Log(n));
        mu = lambda / 2;
        var raw = Enumerable.Range(1, mu).Select(i => Math.Log(mu + 0.5) - Math.Log(i)).ToArray();
        weights = [.. raw.Select(w => w / raw.Sum())];
        muEff = 1 / weights.Sum(w => w * w);
        cSigma = (muEff + 2) / (n + muEff + 5);
        dSigma = 1 + 2 * Math.Max(0, Math.Sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        cC = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        cMu = Math.Min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        chiN = Math.Sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21 * n * n));
    }

    public int Dimensions => n;

    public long Capacity => lattice.Capacity;

    /// <summary>Trials per generation (λ).</summary>
    public int PopulationSize => lambda;

    public double[] Sample(int index) => Suggest(index, [], []);

    public double[] Suggest(int index, IReadOnlyList<ScoredPoint> finished, IReadOnlyList<double[]> running)
    {
        var state = new State(n);
        for (var g = 0; (g + 1) * lambda <= finished.Count; g++)
            Tell(state, finished.Skip(g * lambda).Take(lambda).ToList(), g);

        var rng = SuggestionRandom.For(seed, index, Stream);
        var tried = new TriedPoints(finished, running);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var point = lattice.Snap(Draw(state, rng));
            if (!tried.Contains(point)) return point;
        }
        return SuggestionRandom.UntriedUniform(lattice, rng, tried) ?? SuggestionRandom.FirstUntried(lattice, tried);
    }

    private sealed class State(int n)
    {
        public double[] Mean = [.. Enumerable.Repeat(0.5, n)];
        public double Sigma = 1.0 / 6;
        public Matrix<double> C = Matrix<double>.Build.DenseIdentity(n);
        public Matrix<double> B = Matrix<double>.Build.DenseIdentity(n); // eigenvectors of C
        public double[] D = [.. Enumerable.Repeat(1.0, n)]; // square roots of its eigenvalues
        public double[] PathSigma = new double[n];
        public double[] PathC = new double[n];
    }

    // x = m + σ·B·D·z, redrawn while outside the cube (then clamped, after many tries).
    private double[] Draw(State s, Rng rng)
    {
        var x = new double[n];
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var z = new double[n];
            for (var i = 0; i < n; i++) z[i] = s.D[i] * rng.NextGaussian();
            var inside = true;
            for (var i = 0; i < n; i++)
            {
                var y = 0.0;
                for (var j = 0; j < n; j++) y += s.B[i, j] * z[j];
                x[i] = s.Mean[i] + s.Sigma * y;
                inside &= x[i] is >= 0 and <= 1;
            }
            if (inside) return x;
        }
        for (var i = 0; i < n; i++) x[i] = Math.Clamp(x[i], 0, 1);
        return x;
    }

    private void Tell(State s, List<ScoredPoint> generation, int g)
    {
        // Best first; a failed trial (NaN) last.
        var ranked = generation.OrderByDescending(p => double.IsNaN(p.Score) ? double.NegativeInfinity : p.Score).ToList();
        var steps = ranked.Select(p => Step(s, p.Point)).ToList();
        var yw = new double[n];
        for (var k = 0; k < mu; k++)
            for (var i = 0; i < n; i++) yw[i] += weights[k] * steps[k][i];
        for (var i = 0; i < n; i++) s.Mean[i] += s.Sigma * yw[i];

        var whitened = InverseSqrtC(s, yw);
        var normSigma = 0.0;
        for (var i = 0; i < n; i++)
        {
            s.PathSigma[i] = (1 - cSigma) * s.PathSigma[i] + Math.Sqrt(cSigma * (2 - cSigma) * muEff) * whitened[i];
            normSigma += s.PathSigma[i] * s.PathSigma[i];
        }
        normSigma = Math.Sqrt(normSigma);
        var hSigma = normSigma / Math.Sqrt(1 - Math.Pow(1 - cSigma, 2 * (g + 1))) < (1.4 + 2.0 / (n + 1)) * chiN ? 1.0 : 0.0;
        for (var i = 0; i < n; i++)
            s.PathC[i] = (1 - cC) * s.PathC[i] + hSigma * Math.Sqrt(cC * (2 - cC) * muEff) * yw[i];

        var c = s.C * (1 - c1 - cMu + (1 - hSigma) * c1 * cC * (2 - cC));
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                var rankMu = 0.0;
                for (var k = 0; k < mu; k++) rankMu += weights[k] * steps[k][i] * steps[k][j];
                c[i, j] += c1 * s.PathC[i] * s.PathC[j] + cMu * rankMu;
            }
        s.C = (c + c.Transpose()) / 2;
        s.Sigma = Math.Clamp(s.Sigma * Math.Exp(cSigma / dSigma * (normSigma / chiN - 1)), 1e-12, 1);

        var evd = s.C.Evd(Symmetricity.Symmetric);
        s.B = evd.EigenVectors;
        s.D = [.. evd.EigenValues.Select(e => Math.Sqrt(Math.Max(e.Real, 1e-20)))];
    }

    // y = (x − m)/σ, shortened when its Mahalanobis length exceeds what the distribution plausibly draws: a point
    // snapped, clamped, or drawn from an earlier generation's distribution (parallel trials) must not derail the update.
    private double[] Step(State s, double[] x)
    {
        var y = new double[n];
        for (var i = 0; i < n; i++) y[i] = (x[i] - s.Mean[i]) / s.Sigma;
        var length = Math.Sqrt(InverseSqrtC(s, y).Sum(v => v * v));
        var cap = Math.Sqrt(n) + 2.0 * n / (n + 2);
        if (length > cap)
            for (var i = 0; i < n; i++) y[i] *= cap / length;
        return y;
    }

    // C^(−1/2)·v = B·D⁻¹·Bᵀ·v.
    private double[] InverseSqrtC(State s, double[] v)
    {
        var t = new double[n];
        for (var j = 0; j < n; j++)
        {
            var sum = 0.0;
            for (var i = 0; i < n; i++) sum += s.B[i, j] * v[i];
            t[j] = sum / s.D[j];
        }
        var result = new double[n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) result[i] += s.B[i, j] * t[j];
        return result;
    }
}
