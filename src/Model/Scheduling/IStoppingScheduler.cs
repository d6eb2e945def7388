namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Decides whether a running trial goes on after each round (Ray Tune's scheduler; the searcher decides what runs).</summary>
/// <remarks>
/// Contract: one trial's results arrive in round order; results of different trials may
/// interleave in any order. A duplicate report (same trial and round, e.g. resent after a
/// silo failure) returns the first decision and changes nothing. Results that arrive one at a
/// time (<see cref="OnResult"/>) are judged against what came before them, asynchronously;
/// results that arrive together at a barrier (<see cref="OnResults"/>, a lockstep population's
/// round) are all recorded first and then each judged against the others, so no trial is
/// favoured for reporting first. The study engine is rebuilt by replaying its events, which
/// replays the calls as they were made. Not thread-safe: a grain turn calls it one result at a time.
/// </remarks>
public interface IStoppingScheduler
{
    StopDecision OnResult(RoundResult result);

    /// <summary>Results of one barrier, decided together; the decisions come back in the results' order.</summary>
    IReadOnlyList<StopDecision> OnResults(IReadOnlyList<RoundResult> results);

    /// <summary>The distinct results seen, in arrival order.</summary>
    IReadOnlyList<RoundResult> History { get; }

    /// <summary>The distinct results seen with the decision each got, in arrival order: what a snapshot of the scheduler keeps.</summary>
    IEnumerable<(RoundResult Result, StopDecision Decision)> Seen { get; }

    /// <summary>Gives a fresh scheduler the state of the one whose <see cref="Seen"/> this was, barriers included, judging nothing again.</summary>
    void Reload(IEnumerable<(RoundResult Result, StopDecision Decision)> seen);
}
