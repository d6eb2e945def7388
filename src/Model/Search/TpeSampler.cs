namespace Orleans.Tuning.Model.Search;

/// <summary>
/// The tree-structured Parzen estimator (Bergstra et al. 2011), multivariate: it models where the good trials lie, l(x),
/// and where the others lie, g(x), and suggests the candidate drawn from l with the highest l(x)/g(x).
/// </summary>
/// <remarks>
/// Follows Optuna's TPE with <c>multivariate=True</c>: the good group is the best ⌈0.1·n⌉ trials, at most 25; the
/// others' kernels weigh older trials less once there are more than 25 of them; 24 candidates per suggestion. Running
/// trials join the other group (Optuna's constant liar): a point being trained counts as bad until it reports, so
/// parallel suggestions spread out instead of piling onto the same mode. Failed trials teach nothing but are never
/// suggested again. The cost is linear in the history: both densities are rebuilt from it on every call.
/// </remarks>
public sealed class TpeSampler : IModelSampler
{
    public const int DefaultStartupTrials = 10;
    private const int Candidates = 24;
    private const int MaxGood = 25;
    private const int MaxOthers = 2048;
    private const int NewestKept = 512;
    private const ulong Stream = 0x7E5E_0000_0000_0000;

    private readonly Lattice lattice;
    private readonly int seed;
    private readonly int startup;

    /// <param name="startupTrials">Scored trials drawn uniformly at random before the model is used; null: 10, as Optuna.</param>
    public TpeSampler(SearchSpace space, int seed, int? startupTrials = null)
    {
        lattice = new Lattice(space);
        this.seed = seed;
        startup = startupTrials ?? DefaultStartupTrials;
        ArgumentOutOfRangeException.ThrowIfLessThan(startup, 1, nameof(startupTrials));
    }

    public int Dimensions => lattice.Dimensions;

    public long Capacity => lattice.Capacity;

    public double[] Sample(int index) => Suggest(index, [], []);

    public double[] Suggest(int index, IReadOnlyList<ScoredPoint> finished, IReadOnlyList<double[]> running)
    {
        var rng = SuggestionRandom.For(seed, index, Stream);
        var tried = new TriedPoints(finished, running);
        var scored = finished.Count(f => !double.IsNaN(f.Score));
        if (scored < startup)
            return SuggestionRandom.UntriedUniform(lattice, rng, tried) ?? SuggestionRandom.FirstUntried(lattice, tried);

        var good = Best(finished, Math.Min((int)Math.Ceiling(0.1 * scored), MaxGood));
        var others = new List<double[]>(scored - good.Count + running.Count);
        for (var i = 0; i < finished.Count; i++)
        {
            if (!double.IsNaN(finished[i].Score) && !good.Contains(i)) others.Add(finished[i].Point);
        }
        others.AddRange(running);

        var l = new ParzenEstimator(lattice, [.. good.Select(i => finished[i].Point)], [.. Enumerable.Repeat(1.0, good.Count)]);
        var (points, weights) = Thinned(others, RecencyWeights(others.Count));
        var g = new ParzenEstimator(lattice, points, weights, others.Count);
        var drawn = new double[Candidates][];
        for (var c = 0; c < Candidates; c++) drawn[c] = l.Draw(rng);
        var inGood = l.LogDensities(drawn);
        var other = g.LogDensities(drawn);
        var candidates = drawn.Select((x, c) => (Point: x, Ratio: inGood[c] - other[c])).ToArray();
        // Best ratio first; ties keep the draw order, so the choice is reproducible.
        foreach (var (point, _) in candidates.Select((c, i) => (c, i)).OrderByDescending(p => p.c.Ratio).ThenBy(p => p.i).Select(p => p.c))
        {
            if (!tried.Contains(point)) return point;
        }
        return SuggestionRandom.UntriedUniform(lattice, rng, tried) ?? SuggestionRandom.FirstUntried(lattice, tried);
    }

    // The indices of the `count` highest finite scores, earlier trials first among ties; linear in the history.
    private static HashSet<int> Best(IReadOnlyList<ScoredPoint> finished, int count)
    {
        var top = new List<int>(count + 1); // by score, best first
        for (var i = 0; i < finished.Count; i++)
        {
            var score = finished[i].Score;
            if (double.IsNaN(score) || (top.Count == count && score <= finished[top[^1]].Score)) continue;
            var at = top.Count;
            while (at > 0 && finished[top[at - 1]].Score < score) at--;
            top.Insert(at, i);
            if (top.Count > count) top.RemoveAt(count);
        }
        return [.. top];
    }

    // The others' density at ten thousand trials costs a suggestion more than everything else together. Past
    // MaxOthers, the newest trials are kept as they are and the older ones by a regular stride, each kept one
    // weighing for the stride it stands for: the same mixture in expectation, at a bounded cost.
    private static (List<double[]> Points, List<double> Weights) Thinned(List<double[]> others, double[] weights)
    {
        if (others.Count <= MaxOthers) return (others, [.. weights]);
        var older = others.Count - NewestKept;
        var stride = (older + MaxOthers - NewestKept - 1) / (MaxOthers - NewestKept);
        var points = new List<double[]>(MaxOthers);
        var kept = new List<double>(MaxOthers);
        for (var i = 0; i < older; i += stride)
        {
            points.Add(others[i]);
            kept.Add(weights.AsSpan(i, Math.Min(stride, older - i)).ToArray().Sum());
        }
        for (var i = older; i < others.Count; i++)
        {
            points.Add(others[i]);
            kept.Add(weights[i]);
        }
        return (points, kept);
    }

    // Optuna's default weights: equal up to 25 trials, then a ramp from 1/n for the oldest up to 1 for the newest 25.
    private static double[] RecencyWeights(int count)
    {
        var weights = new double[count];
        var ramp = count - MaxGood;
        for (var i = 0; i < count; i++)
            weights[i] = ramp <= 0 || i >= ramp ? 1 : (ramp == 1 ? 1.0 / count : 1.0 / count + (1 - 1.0 / count) * i / (ramp - 1));
        return weights;
    }
}
