using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Search;

/// <summary>
/// Bayesian optimisation with a Gaussian process: after a few space-filling trials, each suggestion maximises the log
/// expected improvement of a Matérn 5/2 process fitted to the history (<see cref="GaussianProcess"/>, <see cref="GpFit"/>).
/// </summary>
/// <remarks>
/// <para>The acquisition is maximised over random candidates and perturbations of the best trials, then refined by
/// a local search from the five most promising; the best point not already tried wins.</para>
/// <para>Running trials are fantasised ("kriging believer"): each joins the data with the score the model predicts for
/// it, which removes its uncertainty, so parallel suggestions spread out instead of repeating one another.</para>
/// <para>Cost: past <see cref="Window"/> scored trials the model sees the best half of the window and the most recent
/// other half, so a suggestion at ten thousand trials costs what it costs at a few hundred.</para>
/// <para>Hyperparameters are refitted at every suggestion up to 30 scored trials, then every fifth; in between the last
/// fit is reused. A fit depends only on the history before it, so this memo never changes a suggestion: a resumed
/// sampler recomputes what it needs and suggests the same points.</para>
/// </remarks>
public sealed class GpSampler : IModelSampler
{
    public const int Window = 150;
    private const int RandomCandidates = 500;
    private const int Perturbations = 30; // around each of the best trials
    private const int LocalStarts = 5;
    private const int LocalSteps = 25;
    private const int Proposals = 4;
    private const ulong Stream = 0x6A55_0000_0000_0000;

    private readonly Lattice lattice;
    private readonly int seed;
    private readonly int startup;
    private readonly HaltonSampler halton;
    private (List<ScoredPoint> Prefix, GpHyperparameters Fit)? memo;

    /// <param name="startupTrials">Space-filling (Halton) trials before the model is used; null: 2·(dimensions + 1).</param>
    public GpSampler(SearchSpace space, int seed, int? startupTrials = null)
    {
        lattice = new Lattice(space);
        this.seed = seed;
        startup = startupTrials ?? 2 * (space.Count + 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(startup, 1, nameof(startupTrials));
        halton = new HaltonSampler(space.Count, seed);
    }

    public int Dimensions => lattice.Dimensions;

    public long Capacity => lattice.Capacity;

    public double[] Sample(int index) => Suggest(index, [], []);

    public double[] Suggest(int index, IReadOnlyList<ScoredPoint> finished, IReadOnlyList<double[]> running)
    {
        var rng = SuggestionRandom.For(seed, index, Stream);
        var tried = new TriedPoints(finished, running);
        var scored = finished.Where(f => !double.IsNaN(f.Score)).ToList();
        if (scored.Count < startup)
        {
            var point = lattice.Snap(halton.Sample(index));
            return !tried.Contains(point) ? point
                : SuggestionRandom.UntriedUniform(lattice, rng, tried) ?? SuggestionRandom.FirstUntried(lattice, tried);
        }

        var data = InWindow(scored);
        var x = data.Select(s => s.Point).ToArray();
        var y = Standardised(data.Select(s => s.Score).ToArray());
        var h = Hyperparameters(scored);
        var gp = new GaussianProcess(lattice, x, y, h);
        if (running.Count > 0)
        {
            var lies = running.Select(r => gp.Predict(r).Mean);
            gp = new GaussianProcess(lattice, [.. x, .. running], [.. y, .. lies], h);
        }
        var best = y.Max();
        double Acquisition(double[] p)
        {
            var (mean, deviation) = gp.Predict(p);
            return LogExpectedImprovement.Of(mean, deviation, best);
        }

        var candidates = Candidates(rng, data).Select(p => (Point: p, Value: Acquisition(p))).ToList();
        var starts = candidates.OrderByDescending(c => c.Value).Take(LocalStarts).ToList();
        candidates.AddRange(starts.Select(s => LocalSearch(s.Point, s.Value, Acquisition, rng)));
        foreach (var (point, _) in candidates.Select((c, i) => (c, i)).OrderByDescending(p => p.c.Value).ThenBy(p => p.i).Select(p => p.c))
        {
            if (!tried.Contains(point)) return point;
        }
        return SuggestionRandom.UntriedUniform(lattice, rng, tried) ?? SuggestionRandom.FirstUntried(lattice, tried);
    }

    // The best half of the window by score, then the most recent of the rest: the model keeps the region that matters
    // and what was learnt lately, at a bounded cost.
    private static List<ScoredPoint> InWindow(List<ScoredPoint> scored)
    {
        if (scored.Count <= Window) return scored;
        var best = scored.Select((s, i) => (s, i)).OrderByDescending(p => p.s.Score).ThenBy(p => p.i).Take(Window / 2).Select(p => p.i).ToHashSet();
        var recent = Enumerable.Range(0, scored.Count).Reverse().Where(i => !best.Contains(i)).Take(Window - best.Count);
        return [.. best.Concat(recent).Order().Select(i => scored[i])];
    }

    private static double[] Standardised(double[] scores)
    {
        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / scores.Length);
        if (!(sd > 1e-12)) sd = 1;
        return [.. scores.Select(s => (s - mean) / sd)];
    }

    // Fitted on the scored trials up to the last refit point (every trial up to 30, then every fifth), so the fit is a
    // function of the history alone; the memo only saves recomputing it, and is used only for that very prefix.
    private GpHyperparameters Hyperparameters(List<ScoredPoint> scored)
    {
        var fitPoint = scored.Count <= 30 ? scored.Count : scored.Count - scored.Count % 5;
        var prefix = scored.GetRange(0, fitPoint);
        if (memo is { } m && m.Prefix.Count == fitPoint
            && m.Prefix.Zip(prefix).All(p => p.First.Score.Equals(p.Second.Score) && p.First.Point.AsSpan().SequenceEqual(p.Second.Point)))
            return m.Fit;
        var data = InWindow(prefix);
        var fit = GpFit.Fit(lattice, [.. data.Select(s => s.Point)], Standardised([.. data.Select(s => s.Score)]));
        memo = (prefix, fit);
        return fit;
    }

    private IEnumerable<double[]> Candidates(Rng rng, List<ScoredPoint> data)
    {
        for (var i = 0; i < RandomCandidates; i++)
        {
            var p = new double[lattice.Dimensions];
            for (var d = 0; d < p.Length; d++) p[d] = lattice.Snap(d, rng.NextDouble());
            yield return p;
        }
        foreach (var top in data.OrderByDescending(s => s.Score).Take(LocalStarts))
        {
            for (var i = 0; i < Perturbations; i++)
                yield return Perturbed(top.Point, 0.1 * Math.Pow(0.1, i % 3), rng);
        }
    }

    // Moves from a point while the acquisition improves, halving the step after a round without improvement.
    private (double[] Point, double Value) LocalSearch(double[] point, double value, Func<double[], double> acquisition, Rng rng)
    {
        var step = 0.05;
        for (var s = 0; s < LocalSteps && step > 1e-4; s++)
        {
            var improved = false;
            for (var p = 0; p < Proposals; p++)
            {
                var next = Perturbed(point, step, rng);
                var v = acquisition(next);
                if (v > value) (point, value, improved) = (next, v, true);
            }
            if (!improved) step /= 2;
        }
        return (point, value);
    }

    private double[] Perturbed(double[] point, double step, Rng rng)
    {
        var next = new double[point.Length];
        for (var d = 0; d < point.Length; d++)
        {
            next[d] = lattice.IsCategorical(d)
                ? (rng.NextDouble() < 1.0 / point.Length ? lattice.LevelCentre(d, rng.NextInt(lattice.Levels(d))) : point[d])
                : lattice.Snap(d, point[d] + step * rng.NextGaussian());
        }
        return next;
    }
}
