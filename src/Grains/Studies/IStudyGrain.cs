using Orleans.Concurrency;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>Schedules one study's trials: samples, decides after every report, narrows, re-tests.</summary>
[Alias("Orleans.Tuning.IStudyGrain")]
public interface IStudyGrain : IGrainWithStringKey
{
    /// <summary>Starts the study from its normalized spec text; starting a running study again changes nothing.</summary>
    [Alias("Start")]
    Task<StudyStatus> Start(string specText);

    /// <summary>A trial's round; the answer is its decision (or Wait, answered later through the trial's Decide).</summary>
    [Alias("Report")]
    Task<TrialDecision> Report(TrialReport report);

    [Alias("TrialFailed")]
    Task TrialFailed(int trial, string message);

    [Alias("GetStatus"), AlwaysInterleave]
    Task<StudyStatus> GetStatus();

    /// <summary>Stops every trial; what was learned so far stays available through <see cref="GetResults"/>.</summary>
    [Alias("Cancel")]
    Task<StudyStatus> Cancel(string reason);

    /// <summary>Makes sure every active trial is training (a silo holding some has died); harmless otherwise.</summary>
    [Alias("ResumeTrials"), OneWay]
    Task ResumeTrials();

    /// <summary>Ends a study whose engine has finished: what the study sends itself once the last report is answered; idempotent.</summary>
    [Alias("EndIfFinished"), OneWay]
    Task EndIfFinished();

    [Alias("GetResults"), AlwaysInterleave]
    Task<StudyResults> GetResults();
}
