namespace Orleans.Tuning.Model.Search;

/// <summary>A trial of a two-objective study as a model sampler meets it: its point, its score (higher is better) and its cost (lower is better).</summary>
public sealed record TwoObjectiveTrial(double[] Point, double Score, double Cost);

/// <summary>
/// ParEGO's scalarisation (Knowles 2006): each suggestion draws its own weight λ and hands a one-objective sampler the
/// augmented Chebyshev distance of every trial from the ideal point, so over many suggestions the model aims along the
/// whole front rather than at one end of it.
/// </summary>
/// <remarks>
/// Both objectives are normalised to [0, 1] over the trials so far (a loss and seconds live on unrelated scales), then
/// s = max(λ·f1, (1 − λ)·f2) + ρ·(λ·f1 + (1 − λ)·f2), ρ = 0.05; the score is −s. The weight comes from the suggestion's own
/// seeded stream, so the scalarised history is, like the rest, a pure function of (seed, index, history).
/// </remarks>
public static class ParEgo
{
    private const double Rho = 0.05;
    private const ulong Stream = 0x9A4E_6000_0000_0000;

    /// <summary>The weight suggestion <paramref name="index"/> puts on the score (1 − it on the cost).</summary>
    public static double Weight(int seed, int index) => SuggestionRandom.For(seed, index, Stream).NextDouble();

    public static List<ScoredPoint> Scalarise(IReadOnlyList<TwoObjectiveTrial> trials, int seed, int index)
    {
        var lambda = Weight(seed, index);
        var finite = trials.Where(t => double.IsFinite(t.Score) && double.IsFinite(t.Cost)).ToList();
        if (finite.Count == 0)
            return [.. trials.Select(t => new ScoredPoint(t.Point, double.NaN))];
        var (lossMin, lossMax) = (finite.Min(t => -t.Score), finite.Max(t => -t.Score));
        var (costMin, costMax) = (finite.Min(t => t.Cost), finite.Max(t => t.Cost));
        return [.. trials.Select(t =>
        {
            if (!double.IsFinite(t.Score) || !double.IsFinite(t.Cost)) return new ScoredPoint(t.Point, double.NaN);
            var f1 = lambda * Normalise(-t.Score, lossMin, lossMax);
            var f2 = (1 - lambda) * Normalise(t.Cost, costMin, costMax);
            return new ScoredPoint(t.Point, -(Math.Max(f1, f2) + Rho * (f1 + f2)));
        })];
    }

    private static double Normalise(double x, double min, double max) => max > min ? (x - min) / (max - min) : 0;
}
