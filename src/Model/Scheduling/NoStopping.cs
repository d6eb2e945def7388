namespace Orleans.Tuning.Model.Scheduling;

/// <summary>The null scheduler: every trial runs its full budget, so "no early stopping" needs no special case in the study.</summary>
public sealed class NoStopping : IStoppingScheduler
{
    public StopDecision OnResult(RoundResult result) => new StopDecision.Continue();

    public IReadOnlyList<StopDecision> OnResults(IReadOnlyList<RoundResult> results) => [.. results.Select(OnResult)];

    // Nothing to remember: the decision never depends on what was seen.
    public IReadOnlyList<RoundResult> History => [];

    public IEnumerable<(RoundResult Result, StopDecision Decision)> Seen => [];

    public void Reload(IEnumerable<(RoundResult Result, StopDecision Decision)> seen)
    {
    }
}
