namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Base for schedulers whose state is the results they have seen: keeps the history and makes duplicate reports harmless.</summary>
public abstract class ReplayableScheduler : IStoppingScheduler
{
    private readonly List<RoundResult> history = [];
    private readonly Dictionary<(int Trial, int Round), StopDecision> decided = [];

    public IReadOnlyList<RoundResult> History => history;

    public StopDecision OnResult(RoundResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Round < 1)
            throw new ArgumentOutOfRangeException(nameof(result), result.Round, "rounds are counted from 1");
        if (decided.TryGetValue((result.Trial, result.Round), out var earlier))
            return earlier;

        // A diverged trial reports NaN; it cannot come back, and a NaN in a median or a rung would poison everyone's cutoff.
        var decision = double.IsNaN(result.Score)
            ? new StopDecision.Stop($"trial {result.Trial}: score is not a number at round {result.Round}")
            : Decide(result);
        history.Add(result);
        decided[(result.Trial, result.Round)] = decision;
        return decision;
    }

    /// <summary>Decides on a new result with a real score and records whatever the next decisions need.</summary>
    protected abstract StopDecision Decide(RoundResult result);
}
