namespace Orleans.Tuning.Model.Scheduling;

/// <summary>The median stopping rule: stop a trial whose best score so far is below the median of the other trials' running averages at the same round.</summary>
/// <remarks>
/// The published rule (Golovin et al., Google Vizier, 2017), as Ray Tune's MedianStoppingRule
/// and Optuna's MedianPruner apply it: the trial's <em>best</em> value, so one noisy round
/// never kills a trial that has already shown it can do well, against the median of the others'
/// <em>running averages</em> through that round, which smooths their noise too. Only trials
/// that reached the round count as others. A trial is never stopped during its first
/// <c>graceRounds</c> rounds, and those rounds are left out of the averages, because early
/// curves cross; nor while fewer than <c>minTrials</c> others give a median worth trusting.
/// </remarks>
public sealed class MedianStopping : ReplayableScheduler
{
    private readonly int graceRounds;
    private readonly int minTrials;
    private readonly Dictionary<int, SortedDictionary<int, double>> scores = [];

    public MedianStopping(int graceRounds = 1, int minTrials = 3)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(graceRounds);
        ArgumentOutOfRangeException.ThrowIfLessThan(minTrials, 1);
        this.graceRounds = graceRounds;
        this.minTrials = minTrials;
    }

    protected override void Record(RoundResult result)
    {
        if (!scores.TryGetValue(result.Trial, out var own))
            scores[result.Trial] = own = [];
        own[result.Round] = result.Score;
    }

    protected override StopDecision Judge(RoundResult result, IReadOnlyList<RoundResult> barrier)
    {
        if (result.Round <= graceRounds)
            return new StopDecision.Continue();
        var others = scores
            .Where(s => s.Key != result.Trial && s.Value.Keys.Max() >= result.Round)
            .Select(s => RunningAverage(s.Value, result.Round))
            .ToArray();
        if (others.Length < minTrials)
            return new StopDecision.Continue();

        var best = scores[result.Trial].Where(s => s.Key <= result.Round).Max(s => s.Value);
        var median = Quantiles.Median(others);
        return best < median
            ? new StopDecision.Stop($"trial {result.Trial}: best {best:G4} by round {result.Round} is below the median {median:G4} of {others.Length} others' running averages")
            : new StopDecision.Continue();
    }

    private double RunningAverage(SortedDictionary<int, double> byRound, int throughRound) =>
        byRound.Where(s => s.Key > graceRounds && s.Key <= throughRound).Average(s => s.Value);
}
