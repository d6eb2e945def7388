namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Successive halving: at each rung a trial goes on only if its score is in the top 1/η of the scores recorded there.</summary>
/// <remarks>
/// Follows Ray Tune's AsyncHyperBand with one bracket. Rungs sit at minRounds·η^k ≤ maxRounds,
/// and minRounds is the grace period: no trial stops before it. A trial arriving at a rung on its
/// own is compared with every score recorded there (cutoff = their (1 − 1/η) quantile); with none,
/// it continues: the asynchronous rule, where no trial waits for a rung to fill. Trials arriving
/// together at a barrier (a lockstep population's round) are compared with each other only: that is
/// synchronous successive halving, one bracket per population, so each population keeps its top
/// 1/η at each rung whatever its trial numbers, and costs the same epochs whatever came before it.
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
        ArgumentOutOfRangeException.ThrowIfLessThan(reductionFactor, 2);
        // A grace period longer than the trials means no rung at all: every trial runs to the end.
        this.maxRounds = Math.Max(1, maxRounds);
        this.reductionFactor = reductionFactor;
        var milestones = new List<int>();
        // Integer arithmetic: Ray's log-ratio can round 2.9999 down and lose the top rung.
        for (long m = minRounds; m <= maxRounds; m *= reductionFactor)
            milestones.Add((int)m);
        rungs = milestones.Select(m => new Rung(m)).ToArray();
    }

    public IReadOnlyList<int> Milestones => rungs.Select(r => r.Round).ToArray();

    // The highest rung reached and not yet recorded: a trial that skipped a rung is judged once, where it is.
    protected override void Record(RoundResult result)
    {
        var rung = RungAt(result.Round);
        if (rung is not null && !rung.Recorded.ContainsKey(result.Trial))
            rung.Recorded[result.Trial] = (result.Round, result.Score);
    }

    protected override StopDecision Judge(RoundResult result, IReadOnlyList<RoundResult> barrier)
    {
        if (result.Round >= maxRounds)
            return new StopDecision.Stop($"trial {result.Trial}: reached the last round ({maxRounds})");
        var rung = RungAt(result.Round);
        if (rung is null || rung.Recorded[result.Trial].Round != result.Round)
            return new StopDecision.Continue();
        // At a barrier the population is its own bracket; a later, narrowed population is not measured against an earlier one.
        var others = barrier.Count > 1
            ? barrier.Where(r => r.Trial != result.Trial && rung.Recorded.TryGetValue(r.Trial, out var at) && at.Round == r.Round).Select(r => r.Score).ToArray()
            : rung.Recorded.Where(r => r.Key != result.Trial).Select(r => r.Value.Score).ToArray();
        if (others.Length == 0)
            return new StopDecision.Continue();
        var cutoff = Quantiles.Of(others, 1 - 1.0 / reductionFactor);
        return result.Score < cutoff
            ? new StopDecision.Stop($"trial {result.Trial}: score {result.Score:G4} at rung {rung.Round} is below the top-1/{reductionFactor} cutoff {cutoff:G4}")
            : new StopDecision.Continue();
    }

    private Rung? RungAt(int round) => rungs.LastOrDefault(r => r.Round <= round);

    private sealed class Rung(int round)
    {
        public int Round { get; } = round;

        public Dictionary<int, (int Round, double Score)> Recorded { get; } = [];
    }
}
