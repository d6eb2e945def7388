using Microsoft.Extensions.Logging;
using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Grains.Trials;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

// How a study ends: its engine finished, its clock ran out, or it was cancelled; then the leader meets the test part
// once, the final tables are written and the directory is told.
public sealed partial class StudyGrain
{
    private async Task Expire(string reason, StudyPhase phase)
    {
        Log.Record(new StudyEvent(StudyEventKind.Expired, -1, null, reason));
        var step = _engine!.Expire(reason);
        await Durable();
        Carry(step, reporter: -1);
        await Complete(phase, reason);
    }

    // The study's end (the leader's test evaluation, the final projection, the directory) runs in a turn of its own
    // right after this one: the last trial's answer does not wait for it, and a failure there does not fail the
    // trial's report, which it would retry. Should this activation be lost first, the clock tick completes the study.
    private void CompleteSoon()
    {
        if (_completionScheduled || _engine is not { IsFinished: true } || S.Phase != StudyPhase.Running) return;
        _completionScheduled = true;
        GrainReferences<IStudyGrain>.Get(GrainFactory, Id).EndIfFinished().Ignore();
    }

    public Task EndIfFinished() => CompleteIfFinished();

    private async Task CompleteIfFinished()
    {
        if (_engine is { IsFinished: true } && S.Phase == StudyPhase.Running)
            await Complete(StudyPhase.Completed, _engine.FinishReason);
    }

    // A study that learned nothing has failed, however it ended (its budget, its clock), unless the user cancelled it.
    private async Task Complete(StudyPhase phase, string? message)
    {
        // Reentrant: the test evaluation below is awaited before the phase changes, so a second caller must not get in.
        if (S.Phase != StudyPhase.Running || _completing) return;
        _completing = true;
        if (phase == StudyPhase.Completed && _engine!.Failed)
        {
            phase = StudyPhase.Failed;
            message = _engine.FinishReason;
        }
        if (phase == StudyPhase.Completed) S.Test = await EvaluateLeaderOnTest();
        S.Phase = phase;
        S.FinishedUtc = DateTime.UtcNow;
        S.Message = message;
        await Durably.WriteAsync(state, log, this);
        try { await Flush(final: true); }
        catch (Exception e) { log.LogWarning("study {Study}: final projection write failed, the timer will retry: {Error}", Id, e.Message); }
        await GrainFactory.GetGrain<IStudyDirectoryGrain>(0).Finished(Id);
        var reminder = await this.GetReminder(Watchdog);
        if (reminder is not null) await this.UnregisterReminder(reminder);
        if (phase == StudyPhase.Failed) log.LogWarning("study {Study} failed: {Message}", Id, message);
        else log.LogInformation("study {Study} {Phase}: {Message}", Id, phase, message);
    }

    // Once, after the last decision: the leader's own trial measures its final checkpoint on the test part.
    private async Task<TestResult?> EvaluateLeaderOnTest()
    {
        if (_engine!.Leader is not { } leader) return null;
        try { return await Trial(leader.Trial).EvaluateTest(); }
        catch (Exception e)
        {
            log.LogWarning(e, "study {Study}: the test evaluation of trial {Trial} failed", this.GetPrimaryKeyString(), leader.Trial);
            return null;
        }
    }

    private async Task CheckClock()
    {
        // The engine finished but the study never recorded its end (its silo died while it tested the leader, say):
        // replaying its log finished the engine again, and nothing else would end the study.
        if (S.Phase == StudyPhase.Running && _engine is { IsFinished: true })
        {
            await CompleteIfFinished();
            return;
        }
        if (S.Phase != StudyPhase.Running || _spec?.Budget.WallTime is not { } wall) return;
        if (DateTime.UtcNow - S.StartedUtc >= wall) await Expire("wall time spent", StudyPhase.Completed);
    }
}
