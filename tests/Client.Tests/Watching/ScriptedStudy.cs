using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Client.Tests.Watching;

/// <summary>A stand-in for the study grain that answers from a script of statuses, so watching is tested without a cluster.</summary>
internal sealed class ScriptedStudy(params StudyStatus[] script) : IStudyGrain
{
    private int next;

    public string? CancelledWith { get; private set; }

    /// <summary>Called on every GetStatus, before it answers (for example to press Ctrl-C at a chosen poll).</summary>
    public Action<int>? OnPoll { get; init; }

    public Task<StudyStatus> GetStatus()
    {
        OnPoll?.Invoke(next);
        if (CancelledWith is not null)
            return Task.FromResult(script[^1] with { Phase = StudyPhase.Cancelled, Message = CancelledWith });
        return Task.FromResult(script[Math.Min(next++, script.Length - 1)]);
    }

    public Task<StudyStatus> Cancel(string reason)
    {
        CancelledWith = reason;
        // A real study may take a moment to stop its trials: answer Running once more.
        return Task.FromResult(script[Math.Min(next, script.Length - 1)] with { Phase = StudyPhase.Running });
    }

    public Task<StudyStatus> Start(string specText) => throw new NotSupportedException();

    public Task ResumeTrials() => throw new NotSupportedException();
    public Task EndIfFinished() => throw new NotSupportedException();
    public Task<TrialDecision> Report(TrialReport report) => throw new NotSupportedException();
    public Task TrialFailed(int trial, string message) => throw new NotSupportedException();
    public Task<StudyResults> GetResults() => throw new NotSupportedException();
}
