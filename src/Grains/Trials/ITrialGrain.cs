using Orleans.Concurrency;

namespace Orleans.Tuning.Grains.Trials;

/// <summary>One configuration being trained, round by round, on the silo where it lives.</summary>
/// <remarks>
/// Calls the study makes while the trial may be waiting on the study (Decide, Stop) are one-way, and
/// reads are interleaved, so a trial and its study never wait on each other.
/// </remarks>
[Alias("Orleans.Tuning.ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Starts training; a second Start resumes a trial whose activation was lost and is harmless otherwise.</summary>
    /// <remarks>One-way, so a study launching a population is not held up activating each member;
    /// a Start that is lost is sent again by the study's watchdog.</remarks>
    [Alias("Start"), OneWay]
    Task Start(TrialPlan plan);

    /// <summary>The study's decision for a trial that was told to wait.</summary>
    [Alias("Decide"), OneWay]
    Task Decide(int round, TrialDecision decision);

    [Alias("Stop"), OneWay]
    Task Stop(string reason);

    [Alias("RunRound"), OneWay]
    Task RunRound();

    [Alias("GetStatus"), AlwaysInterleave]
    Task<TrialStatus> GetStatus();

    /// <summary>The checkpoint as it was after <paramref name="round"/>, if the trial still has it (the last two are kept).</summary>
    [Alias("GetSnapshot"), AlwaysInterleave]
    Task<TrialSnapshot?> GetSnapshot(int round);

    /// <summary>Evaluates the trial's last checkpoint on the study's test part, in the training pool; null without a checkpoint or a test part.</summary>
    /// <remarks>The study calls it once, for the configuration it chose, after every decision is made: no decision ever sees test.</remarks>
    [Alias("EvaluateTest"), AlwaysInterleave]
    Task<TestResult?> EvaluateTest();
}
