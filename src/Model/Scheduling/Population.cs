using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Population-based training for the caviar strategy: the bottom of the population copies the top (exploit) and perturbs the copy (explore).</summary>
/// <remarks>
/// Stateless apart from its options; the only state is the caller's <see cref="Rng"/>, which
/// the study persists with <see cref="Rng.State"/>. Quantile sizes follow Ray Tune's PBT:
/// ceil(n·quantile) members, but never more than half, so no member is both top and bottom.
/// </remarks>
public sealed class Population
{
    private readonly double quantile;
    private readonly double resampleProbability;
    private readonly bool[]? perturbable;
    private readonly IReadOnlyList<Scale> scales;

    /// <param name="scales">Each dimension's scale, on which explore takes its step.</param>
    /// <param name="perturbable">
    /// Per dimension, whether explore may change it. Architecture (layers, hidden units) must be
    /// false: the copied weights only fit a network of the same shape. Null: all perturbable.
    /// </param>
    public Population(IReadOnlyList<Scale> scales, double quantile = 0.2, double resampleProbability = Perturbation.DefaultResampleProbability, bool[]? perturbable = null)
    {
        this.scales = scales;
        if (!(quantile > 0 && quantile <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(quantile), quantile, "must lie in (0, 0.5]");
        if (!(resampleProbability >= 0 && resampleProbability <= 1))
            throw new ArgumentOutOfRangeException(nameof(resampleProbability), resampleProbability, "must lie in [0, 1]");
        this.quantile = quantile;
        this.resampleProbability = resampleProbability;
        this.perturbable = perturbable;
    }

    /// <summary>A member is ready to be judged every <paramref name="readyEveryRounds"/> rounds, so each copy has time to prove itself.</summary>
    public static bool IsReady(int round, int readyEveryRounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(readyEveryRounds, 1);
        return round >= 1 && round % readyEveryRounds == 0;
    }

    /// <summary>
    /// If <paramref name="trial"/> is in the bottom quantile, copy a member chosen uniformly from the top
    /// quantile of the members that have a checkpoint and score above it, and perturb its point; otherwise keep training.
    /// </summary>
    public PopulationDecision Decide(int trial, IReadOnlyList<Member> members, Rng rng)
    {
        var ranked = Ranked(members);
        var self = ranked.SingleOrDefault(m => m.Trial == trial)
            ?? throw new ArgumentException($"trial {trial} is not a member of the population", nameof(members));
        if (!ranked.Take(QuantileSize(ranked.Length)).Contains(self))
            return new PopulationDecision.KeepTraining();

        // Copying from a member without a checkpoint would load nothing (or stale weights): Ray Tune's bug, never ours.
        var donors = ranked.Where(m => m.HasCheckpoint && m.Trial != trial).ToArray();
        var candidates = donors
            .Skip(donors.Length - Math.Max(1, QuantileSize(donors.Length)))
            .Where(m => Key(m) > Key(self))
            .ToArray();
        if (candidates.Length == 0)
            return new PopulationDecision.KeepTraining();

        var source = candidates[rng.NextInt(candidates.Length)];
        var mask = perturbable ?? Perturbation.AllPerturbable(source.Point.Length);
        return new PopulationDecision.ExploitAndExplore(source.Trial, Perturbation.Explore(source.Point, mask, resampleProbability, scales, rng));
    }

    private int QuantileSize(int count)
    {
        var size = (int)Math.Ceiling(count * quantile);
        return size > count / 2.0 ? count / 2 : size;
    }

    // Best last. A diverged (NaN) member ranks lowest; ties break by trial number so the order is deterministic.
    private static Member[] Ranked(IReadOnlyList<Member> members) =>
        members.OrderBy(Key).ThenByDescending(m => m.Trial).ToArray();

    private static double Key(Member m) => double.IsNaN(m.Score) ? double.NegativeInfinity : m.Score;
}
