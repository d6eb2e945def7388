using Microsoft.Extensions.Logging;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Grains.Trials;

/// <summary>Trains one configuration round by round in the silo's training pool, checkpoints, and reports to its study.</summary>
[GrainType("tuning.trial")]
public sealed class TrialGrain(
    [PersistentState("trial", StorageNames.Tuning)] IPersistentState<TrialGrainState> state,
    TrainingPool pool,
    ITrialRunner runner,
    ILogger<TrialGrain> log) : Grain, ITrialGrain
{
    private TrialGrainState S => state.State;
    private ITrialSession? _session; // rebuilt from the checkpoint after a reactivation or a change of course
    private bool _fresh = true;       // no session opened in this activation yet
    private bool _loopRunning;
    private bool _training;

    public async Task Start(TrialPlan plan)
    {
        if (S.Plan is not null) return;
        S.Plan = plan;
        S.Hyperparameters = plan.Hyperparameters;
        S.State = TrialState.Running;
        await state.WriteStateAsync();
        Kick();
    }

    public Task Ensure()
    {
        switch (S.State)
        {
            case TrialState.Running when !_loopRunning:
                Kick();
                break;
            case TrialState.Waiting when !_loopRunning:
                // The decision may have been lost with the old activation: ask again; a duplicate report is harmless.
                _loopRunning = true;
                _ = ReportAndApply(S.History[^1]);
                break;
        }
        return Task.CompletedTask;
    }

    public async Task Decide(int round, TrialDecision decision)
    {
        if (S.State != TrialState.Waiting || round != S.Round) return; // stale or duplicate
        S.State = TrialState.Running;
        await Apply(decision);
    }

    public async Task Stop(string reason)
    {
        if (S.State is TrialState.Stopped or TrialState.Failed) return;
        S.State = TrialState.Stopped;
        S.Note = reason;
        await state.WriteStateAsync();
    }

    public async Task RunRound()
    {
        if (S.State != TrialState.Running || S.Plan is null) { _loopRunning = false; return; }
        _loopRunning = true;
        RoundMetrics metrics;
        byte[] checkpoint;
        try
        {
            _training = true;
            if (_fresh && S.Checkpoint is not null) S.Resumes++;
            _fresh = false;
            // Orleans forbids touching grain state off the activation's thread: the round gets copies.
            var session = _session ??= runner.Open(S.Plan, S.Hyperparameters!, S.LearningRate, S.Checkpoint);
            var round = S.Round + 1;
            (metrics, checkpoint) = await pool.Run(() => (session.TrainRound(round), session.Checkpoint()));
        }
        catch (Exception e)
        {
            log.LogError(e, "trial {Trial} failed in round {Round}", this.GetPrimaryKeyString(), S.Round + 1);
            S.State = TrialState.Failed;
            S.Note = e.Message;
            _loopRunning = false;
            await state.WriteStateAsync();
            await Study.TrialFailed(S.Plan.Number, e.Message);
            return;
        }
        finally
        {
            _training = false;
        }

        S.PreviousCheckpoint = S.Checkpoint;
        S.Checkpoint = checkpoint;
        S.History.Add(metrics);
        if (S.State == TrialState.Running) S.State = TrialState.Waiting; // until the study answers
        await state.WriteStateAsync();
        if (S.State != TrialState.Waiting) { _loopRunning = false; return; } // stopped while training
        await ReportAndApply(metrics);
    }

    public Task<TrialStatus> GetStatus() => Task.FromResult(new TrialStatus(
        S.Plan?.Number ?? -1, S.State, S.Round, S.Hyperparameters, S.History.LastOrDefault(), _training, S.Note, S.Resumes));

    // A population member copies its source as it was at the decision, even if the source has trained on since.
    public Task<TrialSnapshot?> GetSnapshot(int round)
    {
        var checkpoint = round == S.Round ? S.Checkpoint : round == S.Round - 1 ? S.PreviousCheckpoint : null;
        return Task.FromResult(checkpoint is null || S.Hyperparameters is null ? null : new TrialSnapshot(checkpoint, S.Hyperparameters, round));
    }

    private IStudyGrain Study => GrainFactory.GetGrain<IStudyGrain>(S.Plan!.StudyId);

    private async Task ReportAndApply(RoundMetrics metrics)
    {
        var decision = await Study.Report(new TrialReport(S.Plan!.Number, metrics));
        if (decision.Kind == DecisionKind.Wait || S.State != TrialState.Waiting) { _loopRunning = false; return; }
        S.State = TrialState.Running;
        await Apply(decision);
    }

    private async Task Apply(TrialDecision decision)
    {
        switch (decision.Kind)
        {
            case DecisionKind.Continue:
                break;
            case DecisionKind.Wait:
                S.State = TrialState.Waiting;
                _loopRunning = false;
                return;
            case DecisionKind.Stop:
                S.State = TrialState.Stopped;
                S.Note = decision.Reason;
                _loopRunning = false;
                _session = null;
                await state.WriteStateAsync();
                return;
            case DecisionKind.SetLearningRate:
                S.LearningRate = decision.LearningRate;
                S.Note = decision.Reason;
                _session = null; // rebuilt from the checkpoint with the new rate
                break;
            case DecisionKind.Rollback:
                S.Checkpoint = S.PreviousCheckpoint;
                S.PreviousCheckpoint = null;
                S.History.RemoveAt(S.History.Count - 1);
                S.LearningRate = decision.LearningRate;
                S.Note = decision.Reason;
                _session = null;
                break;
            case DecisionKind.Exploit:
                var source = await GrainFactory.GetGrain<ITrialGrain>(TrialKeys.Of(S.Plan!.StudyId, decision.SourceTrial)).GetSnapshot(decision.SourceRound);
                if (source is null) break; // the study only picks sources with a checkpoint; if it is gone, keep our own
                S.Checkpoint = source.Checkpoint;
                S.PreviousCheckpoint = null;
                S.Hyperparameters = decision.Hyperparameters ?? source.Hyperparameters;
                S.LearningRate = null;
                S.Note = $"copied trial {decision.SourceTrial} at its round {source.Round}";
                _session = null;
                break;
        }
        await state.WriteStateAsync();
        Kick();
    }

    // A one-way call to ourselves: the next round starts as a new turn, after this one has ended.
    private void Kick()
    {
        _loopRunning = true;
        this.AsReference<ITrialGrain>().RunRound().Ignore();
    }
}
