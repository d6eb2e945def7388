namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Decides whether a running trial goes on after each round (Ray Tune's scheduler; the searcher decides what runs).</summary>
/// <remarks>
/// Contract: one trial's results arrive in round order; results of different trials may
/// interleave in any order. A duplicate report (same trial and round, e.g. resent after a
/// silo failure) returns the first decision and changes nothing. The state is the results
/// seen: persist <see cref="History"/>, and restore by replaying it into a fresh scheduler of
/// the same kind (<see cref="StoppingScheduler.Restore"/>), which reproduces every decision.
/// Not thread-safe: a grain turn calls it one result at a time.
/// </remarks>
public interface IStoppingScheduler
{
    StopDecision OnResult(RoundResult result);

    /// <summary>The distinct results seen, in arrival order: everything needed to rebuild this scheduler.</summary>
    IReadOnlyList<RoundResult> History { get; }
}
