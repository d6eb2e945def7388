namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Re-tests stale leaders occasionally: re-trains the top trials from scratch and re-ranks everyone by the mean of their runs.</summary>
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

    /// <summary>The best <paramref name="count"/> trials by score that have been re-tested fewer than the allowed times, best first.</summary>
    public IReadOnlyList<int> ChooseLeaders(IReadOnlyList<TrialScore> trials, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return trials
            .Where(t => t.Retests < timesPerLeader && !double.IsNaN(t.Score))
            .OrderByDescending(t => t.Score)
            .ThenBy(t => t.Trial)
            .Take(count)
            .Select(t => t.Trial)
            .ToArray();
    }

    /// <summary>All trials, best mean first; a run that diverged (NaN) makes the mean NaN, which ranks last.</summary>
    public static IReadOnlyList<RankedTrial> Rank(IReadOnlyList<TrialRuns> trials) =>
        trials
            .Select(t => Summarise(t.Trial, [t.Original, .. t.Retests]))
            .OrderByDescending(r => double.IsNaN(r.Mean) ? double.NegativeInfinity : r.Mean)
            .ThenBy(r => r.Trial)
            .ToArray();

    private static RankedTrial Summarise(int trial, double[] runs)
    {
        var mean = runs.Average();
        var spread = runs.Length < 2 ? 0 : Math.Sqrt(runs.Sum(x => (x - mean) * (x - mean)) / (runs.Length - 1));
        return new RankedTrial(trial, mean, spread, runs.Length);
    }
}
