using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Babysits one model round by round (the panda strategy): rolls back on divergence, halves the learning rate when the curve stalls.</summary>
/// <remarks>
/// A pure function of the history, so the grain persists only the history and its checkpoints.
/// Halving is the one move: the course's babysitter watches the curve and turns the rate down,
/// and a rate that keeps halving below the floor has nothing left to give.
/// </remarks>
public sealed class Panda
{
    private const double Halve = 0.5;

    private readonly double divergenceFactor;
    private readonly double stallTolerance;
    private readonly int patience;
    private readonly double minLearningRate;

    public Panda(double divergenceFactor = 2.0, double stallTolerance = 1e-3, int patience = 2, double minLearningRate = 1e-6)
    {
        if (!(divergenceFactor > 1))
            throw new ArgumentOutOfRangeException(nameof(divergenceFactor), divergenceFactor, "must be > 1");
        if (!(stallTolerance >= 0))
            throw new ArgumentOutOfRangeException(nameof(stallTolerance), stallTolerance, "must be >= 0");
        ArgumentOutOfRangeException.ThrowIfLessThan(patience, 1);
        if (!(minLearningRate > 0))
            throw new ArgumentOutOfRangeException(nameof(minLearningRate), minLearningRate, "must be > 0");
        this.divergenceFactor = divergenceFactor;
        this.stallTolerance = stallTolerance;
        this.patience = patience;
        this.minLearningRate = minLearningRate;
    }

    public PandaDecision Decide(IReadOnlyList<RoundResult> history, double currentLearningRate)
    {
        if (history.Count == 0)
            return new PandaDecision.Continue();
        var halved = currentLearningRate * Halve;

        if (Diverged(history))
        {
            return halved < minLearningRate
                ? new PandaDecision.Stop($"diverges even at learning rate {currentLearningRate:G3}")
                : new PandaDecision.Rollback(halved);
        }

        if (Stalled(history, currentLearningRate))
        {
            return halved < minLearningRate
                ? new PandaDecision.Stop("converged")
                : new PandaDecision.NudgeLearningRate(halved);
        }
        return new PandaDecision.Continue();
    }

    /// <summary>
    /// Where the next panda starts: the best finished panda's point, perturbed as population explore does
    /// (all dimensions, since a new panda trains from scratch), or a uniform point if none finished with a score.
    /// </summary>
    public static double[] NextStartingPoint(IReadOnlyList<(double[] Point, double Score)> finished, IReadOnlyList<Scale> scales, Rng rng)
    {
        var dimensions = scales.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        var scored = finished.Where(f => !double.IsNaN(f.Score)).ToArray();
        if (scored.Length == 0)
            return Enumerable.Range(0, dimensions).Select(_ => rng.NextDouble()).ToArray();
        var best = scored.MaxBy(f => f.Score).Point;
        if (best.Length != dimensions)
            throw new ArgumentException($"finished points have {best.Length} coordinates, not {dimensions}", nameof(finished));
        return Perturbation.Explore(best, Perturbation.AllPerturbable(dimensions), Perturbation.DefaultResampleProbability, scales, rng);
    }

    private bool Diverged(IReadOnlyList<RoundResult> history)
    {
        var last = history[^1];
        if (!double.IsFinite(last.TrainLoss) || double.IsNaN(last.Score))
            return true;
        var previous = history.Count > 1 ? history[^2].TrainLoss : double.NaN;
        return double.IsFinite(previous) && last.TrainLoss > divergenceFactor * previous;
    }

    // Only the rounds trained at the current rate count, so a freshly nudged rate gets its full patience.
    // The rate compares exactly because the grain trains with the very value this class returned.
    private bool Stalled(IReadOnlyList<RoundResult> history, double currentLearningRate)
    {
        if (history.Count <= patience)
            return false;
        var window = history.TakeLast(patience).ToArray();
        if (window.Any(h => h.LearningRate != currentLearningRate))
            return false;
        var bestBefore = history.SkipLast(patience).Max(h => h.Score);
        return window.Max(h => h.Score) - bestBefore < stallTolerance;
    }
}
