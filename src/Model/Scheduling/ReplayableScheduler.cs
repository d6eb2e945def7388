namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Base for schedulers whose state is the results they have seen: keeps the history and makes duplicate reports harmless.</summary>
/// <remarks>
/// A scheduler is split in two steps so one rule serves both arrival patterns: <see cref="Record"/>
/// remembers a result, <see cref="Judge"/> compares it with the <em>other</em> trials' results.
/// One at a time, a result is judged against those before it; at a barrier, all are recorded
/// before any is judged, which is synchronous successive halving for ASHA.
/// </remarks>
public abstract class ReplayableScheduler : IStoppingScheduler
{
    private readonly List<RoundResult> history = [];
    private readonly Dictionary<(int Trial, int Round), StopDecision> decided = [];

    public IReadOnlyList<RoundResult> History => history;

    public IEnumerable<(RoundResult Result, StopDecision Decision)> Seen => history.Select(r => (r, decided[(r.Trial, r.Round)]));

    // Replaying through OnResult would judge each result again, one at a time, where a barrier judged them together;
    // recording them as they were keeps the rungs and medians exactly as the original scheduler had them.
    public void Reload(IEnumerable<(RoundResult Result, StopDecision Decision)> seen)
    {
        if (history.Count > 0) throw new InvalidOperationException("reload into a fresh scheduler, one that has seen nothing");
        foreach (var (result, decision) in seen)
        {
            // A NaN was never recorded (see OnResults); the others were, in this order.
            if (!double.IsNaN(result.Score)) Record(result);
            Remember(result, decision);
        }
    }

    public StopDecision OnResult(RoundResult result) => OnResults([result])[0];

    public IReadOnlyList<StopDecision> OnResults(IReadOnlyList<RoundResult> results)
    {
        var decisions = new StopDecision?[results.Count];
        var fresh = new List<int>();
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            ArgumentNullException.ThrowIfNull(result);
            if (result.Round < 1)
                throw new ArgumentOutOfRangeException(nameof(results), result.Round, "rounds are counted from 1");
            if (decided.TryGetValue((result.Trial, result.Round), out var earlier))
                decisions[i] = earlier;
            // A diverged trial reports NaN; it cannot come back, and a NaN in a median or a rung would poison everyone's cutoff.
            else if (double.IsNaN(result.Score))
                decisions[i] = Remember(result, new StopDecision.Stop($"trial {result.Trial}: score is not a number at round {result.Round}"));
            else
            {
                Record(result);
                fresh.Add(i);
            }
        }
        var barrier = fresh.Select(i => results[i]).ToList();
        foreach (var i in fresh)
            decisions[i] = Remember(results[i], Judge(results[i], barrier));
        return [.. decisions.Select(d => d!)];
    }

    /// <summary>Remembers a result with a real score, for this and later judgements.</summary>
    protected abstract void Record(RoundResult result);

    /// <summary>Decides on a recorded result by comparing it with the other trials' recorded results.</summary>
    /// <param name="barrier">The new results that arrived with it (itself included); just itself when results arrive one at a time.</param>
    protected abstract StopDecision Judge(RoundResult result, IReadOnlyList<RoundResult> barrier);

    private StopDecision Remember(RoundResult result, StopDecision decision)
    {
        history.Add(result);
        decided[(result.Trial, result.Round)] = decision;
        return decision;
    }
}
