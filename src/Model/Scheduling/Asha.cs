namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Asynchronous successive halving: at each rung a trial goes on only if its score is in the top 1/η of the scores recorded there so far.</summary>
/// <remarks>
/// Follows Ray Tune's AsyncHyperBand with one bracket. Rungs sit at minRounds·η^k ≤ maxRounds.
/// A trial reaching a rung is compared with the scores recorded there before it (cutoff = the
/// (1 − 1/η) quantile), then recorded; the first arrival always continues. Being asynchronous,
/// no trial ever waits for a rung to fill, which is what keeps every training slot busy.
/// Every trial stops at maxRounds.
/// </remarks>
public sealed class Asha : ReplayableScheduler
{
    private readonly int maxRounds;
    private readonly int reductionFactor;
    private readonly Rung[] rungs;

    public Asha(int maxRounds, int minRounds = 1, int reductionFactor = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minRounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRounds, minRounds);
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        this.maxRounds = maxRounds;
        this.reductionFactor = reductionFactor;
        var milestones = new List<int>();
        // Integer arithmetic: Ray's log-ratio can round 2.9999 down and lose the top rung.
        for (long m = minRounds; m <= maxRounds; m *= reductionFactor)
            milestones.Add((int)m);
        rungs = milestones.Select(m => new Rung(m)).ToArray();
    }

    public IReadOnlyList<int> Milestones => rungs.Select(r => r.Round).ToArray();

    protected override StopDecision Decide(RoundResult result)
    {
        StopDecision decision = new StopDecision.Continue();
        // The highest rung reached and not yet recorded: a trial that skipped a rung is judged once, where it is.
        var rung = rungs.LastOrDefault(r => r.Round <= result.Round);
        if (rung is not null && !rung.Recorded.ContainsKey(result.Trial))
        {
            if (rung.Recorded.Count > 0)
            {
                var cutoff = Quantiles.Of(rung.Recorded.Values, 1 - 1.0 / reductionFactor);
                if (result.Score < cutoff)
                    decision = new StopDecision.Stop($"trial {result.Trial}: score {result.Score:G4} at rung {rung.Round} is below the top-1/{reductionFactor} cutoff {cutoff:G4}");
            }
            rung.Recorded[result.Trial] = result.Score;
        }
        return result.Round >= maxRounds
            ? new StopDecision.Stop($"trial {result.Trial}: reached the last round ({maxRounds})")
            : decision;
    }

    private sealed class Rung(int round)
    {
        public int Round { get; } = round;

        public Dictionary<int, double> Recorded { get; } = [];
    }
}
