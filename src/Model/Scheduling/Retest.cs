namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Re-tests stale leaders occasionally: re-trains the top trials from scratch and re-ranks everyone by a lower bound of the mean of their runs.</summary>
/// <remarks>
/// One run's score is one draw: initialisation, shuffling and the data of the day all move it.
/// A leader that won by luck regresses to its mean when re-run, and ranking by the mean lets it fall.
/// </remarks>
public sealed class Retest
{
    private readonly int timesPerLeader;

    /// <param name="timesPerLeader">Re-tests a trial gets at most; after that its mean is trusted and the budget goes to others.</param>
    public Retest(int timesPerLeader = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timesPerLeader, 1);
        this.timesPerLeader = timesPerLeader;
    }

    /// <summary>Whether a trial may be re-tested again: it has a score, and fewer re-tests than the allowed times.</summary>
    public bool MayRetest(TrialScore trial) => trial.Retests < timesPerLeader && !double.IsNaN(trial.Score);

    /// <summary>The best <paramref name="count"/> trials by score that have been re-tested fewer than the allowed times, best first.</summary>
    public IReadOnlyList<int> ChooseLeaders(IReadOnlyList<TrialScore> trials, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return trials
            .Where(MayRetest)
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Trial)
            .Take(count)
            .Select(t => t.Trial)
            .ToArray();
    }

    /// <summary>
    /// All trials, best first by the lower bound of their mean, mean − σ/√runs: one run's mean is less
    /// certain than three runs', so it must be better by about one run-to-run deviation σ to rank above them.
    /// σ is pooled from every trial run more than once (the noise of a configuration is much the
    /// same across the space); before any re-test there is no σ, every trial has one run, and the
    /// bound is the mean. A run that diverged (NaN) makes the mean NaN, which ranks last.
    /// With <paramref name="retestedFirst"/> (after a study's final re-test) every trial run more than once (and never diverged) ranks
    /// above every trial run once, each group by its bound.
    /// </summary>
    public static IReadOnlyList<RankedTrial> Rank(IReadOnlyList<TrialRuns> trials, bool retestedFirst = false)
    {
        var summaries = trials.Select(t => Summarise(t.Trial, [t.Original, .. t.Retests])).ToArray();
        var noise = PooledSpread(summaries);
        return summaries
            .Select(r => r with { Bound = r.Mean - noise / Math.Sqrt(r.Runs) })
            .OrderByDescending(r => retestedFirst && r.Runs > 1 && !double.IsNaN(r.Bound))
            .ThenByDescending(r => double.IsNaN(r.Bound) ? double.NegativeInfinity : r.Bound)
            .ThenByDescending(r => r.Runs)
            .ThenBy(r => r.Trial)
            .ToArray();
    }

    /// <summary>The run-to-run standard deviation pooled over the trials run more than once; 0 when there are none.</summary>
    public static double PooledSpread(IReadOnlyList<RankedTrial> summaries)
    {
        var repeated = summaries.Where(r => r.Runs >= 2 && double.IsFinite(r.Mean)).ToArray();
        if (repeated.Length == 0) return 0;
        var squares = repeated.Sum(r => r.Spread * r.Spread * (r.Runs - 1));
        return Math.Sqrt(squares / repeated.Sum(r => r.Runs - 1));
    }

    private static RankedTrial Summarise(int trial, double[] runs)
    {
        var mean = runs.Average();
        var spread = runs.Length < 2 ? 0 : Math.Sqrt(runs.Sum(x => (x - mean) * (x - mean)) / (runs.Length - 1));
        return new RankedTrial(trial, mean, spread, runs.Length, mean);
    }
}
