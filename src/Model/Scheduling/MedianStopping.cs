namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Stops a trial whose running-average score at round r is below the median of the other trials' running averages at round r.</summary>
/// <remarks>
/// Running averages rather than the latest score, so one noisy round neither kills a good
/// trial nor saves a bad one (Ray Tune's MedianStoppingRule does the same). Only trials that
/// reported round r count as others; a trial is never stopped during its first
/// <c>graceRounds</c> rounds, because early curves cross, nor while fewer than
/// <c>minTrials</c> others give a median worth trusting.
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

    protected override StopDecision Decide(RoundResult result)
    {
        if (!scores.TryGetValue(result.Trial, out var own))
            scores[result.Trial] = own = [];
        own[result.Round] = result.Score;

        if (result.Round <= graceRounds)
            return new StopDecision.Continue();
        var others = scores
            .Where(s => s.Key != result.Trial && s.Value.ContainsKey(result.Round))
            .Select(s => RunningAverage(s.Value, result.Round))
            .ToArray();
        if (others.Length < minTrials)
            return new StopDecision.Continue();

        var mine = RunningAverage(own, result.Round);
        var median = Quantiles.Median(others);
        return mine < median
            ? new StopDecision.Stop($"trial {result.Trial}: running average {mine:G4} at round {result.Round} is below the median {median:G4} of {others.Length} others")
            : new StopDecision.Continue();
    }

    private static double RunningAverage(SortedDictionary<int, double> byRound, int throughRound) =>
        byRound.Where(s => s.Key <= throughRound).Average(s => s.Value);
}
