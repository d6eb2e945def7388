using Microsoft.Extensions.Logging;
using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Grains.Trials;

/// <summary>Trains one configuration round by round in the silo's training pool, reports to its study, and checkpoints.</summary>
/// <remarks>
/// A round is checkpointed before it is reported, so whatever the study decides from it (another
/// trial copying these weights, say) can be carried out after a failure. The state is written as
/// "waiting for the study"; a plain Continue needs no second write — if the silo fails before the
/// next round is written, the trial reports this round again and the study answers it the same way.
/// </remarks>
[GrainType("tuning.trial"), Placement.FreeSlotsPlacement]
public sealed class TrialGrain(
    [PersistentState("trial", StorageNames.Tuning)] IPersistentState<TrialGrainState> state,
    TrainingPool pool,
    ITrialRunner runner,
    ILogger<TrialGrain> log) : Grain, ITrialGrain
{
    private TrialGrainState S => state.State;
    private ITrialSession? _session; // rebuilt from the checkpoint after a reactivation or a change of course
    private bool _fresh = true;       // no round trained in this activation yet
    private bool _loopRunning;
    private bool _training;

    public Task Start(TrialPlan plan)
    {
        if (S.Plan is null)
        {
            S.Plan = plan;
            S.Hyperparameters = plan.Hyperparameters;
            S.State = TrialState.Running;
        }
        if (!_loopRunning)
        {
            // A second Start resumes a trial whose activation was lost (the study's watchdog sends it).
            // The round runs in this turn rather than in one sent to ourselves: Start is one-way, so nobody waits
            // on it, and a round's turn lasts as long either way; a trial of one round is a message fewer.
            if (S.State == TrialState.Running) return RunRound();
            else if (S.State == TrialState.Waiting)
            {
                _loopRunning = true;
                ReportAndApply(S.History[^1]).Ignore(); // the answer may have been lost: ask again
            }
        }
        return Task.CompletedTask;
    }

    public async Task Decide(int round, TrialDecision decision)
    {
        if (S.State != TrialState.Waiting || round != S.Round) return; // stale or duplicate
        await CarryOut(decision);
    }

    public async Task Stop(string reason)
    {
        if (S.State is TrialState.Stopped or TrialState.Failed) return;
        S.State = TrialState.Stopped;
        S.Note = reason;
        _session = null;
        if (!_loopRunning) await Finish(); // otherwise the round in flight writes it
    }

    public async Task RunRound()
    {
        if (S.State != TrialState.Running || S.Plan is null)
        {
            // Stopped between rounds: Stop left the write to this queued round.
            if (S.State == TrialState.Stopped) await Finish();
            else _loopRunning = false;
            return;
        }
        _loopRunning = true;
        RoundMetrics metrics;
        byte[] checkpoint;
        try
        {
            _training = true;
            if (_fresh && S.Checkpoint is not null) S.Resumes++;
            _fresh = false;
            // Orleans forbids touching grain state off the activation's thread: the round gets copies.
            // Opening a session loads the dataset on first use, so it belongs in the pool too, never in a grain turn.
            var (plan, hyperparameters, learningRate, saved) = (S.Plan, S.Hyperparameters!, S.LearningRate, S.Checkpoint);
            var session = _session;
            var round = S.Round + 1;
            (metrics, checkpoint, session) = await pool.Run(() =>
            {
                session ??= runner.Open(plan, hyperparameters, learningRate, saved);
                return (session.TrainRound(round), session.Checkpoint(), session);
            });
            _session = session;
        }
        catch (Exception e)
        {
            // The study and the user get the message; the trace is for the silo's log.
            log.LogError(e, "trial {Trial} failed in round {Round}", this.GetPrimaryKeyString(), S.Round + 1);
            S.State = TrialState.Failed;
            S.Note = e.Message;
            _loopRunning = false;
            await Durably.WriteAsync(state, log, this);
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
        if (S.State != TrialState.Running) { await Finish(); return; } // stopped while training
        S.State = TrialState.Waiting;
        await Durably.WriteAsync(state, log, this);
        await ReportAndApply(metrics);
    }

    public Task<TrialStatus> GetStatus() => Task.FromResult(new TrialStatus(
        S.Plan?.Number ?? -1, S.State, S.Round, S.Hyperparameters, S.History.LastOrDefault(), _training, S.Note, S.Resumes,
        RuntimeIdentity));

    // A population member copies its source as it was at the decision, even if the source has trained on since.
    public Task<TrialSnapshot?> GetSnapshot(int round)
    {
        var checkpoint = round == S.Round ? S.Checkpoint : round == S.Round - 1 ? S.PreviousCheckpoint : null;
        return Task.FromResult(checkpoint is null || S.Hyperparameters is null ? null : new TrialSnapshot(checkpoint, S.Hyperparameters, round));
    }

    // Off the grain's thread like training: opening a session may load the data, and evaluating is a forward pass over the test part.
    public async Task<TestResult?> EvaluateTest()
    {
        if (S.Plan is null || S.Hyperparameters is null || S.Checkpoint is null) return null;
        var (plan, hyperparameters, learningRate, saved) = (S.Plan, S.Hyperparameters, S.LearningRate, S.Checkpoint);
        var evaluation = await pool.Run(() => runner.Open(plan, hyperparameters, learningRate, saved).EvaluateTest());
        return evaluation is { } e ? new TestResult(plan.Number, e.Accuracy, e.Loss) : null;
    }

    private IStudyGrain Study => _study ??= GrainReferences<IStudyGrain>.Get(GrainFactory, S.Plan!.StudyId);
    private IStudyGrain? _study;

    private async Task ReportAndApply(RoundMetrics metrics)
    {
        // The study may be moving to another silo or waiting on its database: the report is idempotent, so ask again.
        var report = new TrialReport(S.Plan!.Number, metrics);
        var decision = await AskPatiently(() => Study.Report(report), $"reporting round {metrics.Round}");
        if (decision is null) { _loopRunning = false; return; } // the study's watchdog will start us again
        if (S.State != TrialState.Waiting) { await Finish(); return; } // stopped meanwhile
        if (decision.Kind == DecisionKind.Wait) { _loopRunning = false; return; } // already written as waiting
        await CarryOut(decision);
    }

    // Carrying out a decision can fail part-way with its changes half made in memory: the trial to copy lived on a
    // silo that died and no other silo has taken it up within the patience, say. The stored state still waits on
    // this round, so this activation leaves; the study's next Start (its watchdog's, or a failover's) reports the
    // round again and gets the same answer. Left running, the loop flag would turn every such Start away.
    private async Task CarryOut(TrialDecision decision)
    {
        S.State = TrialState.Running;
        try
        {
            await Apply(decision);
        }
        catch (Exception e)
        {
            log.LogError("trial {Trial}: carrying out {Decision} for round {Round} failed, so this activation steps down: {Error}",
                this.GetPrimaryKeyString(), decision.Kind, S.Round, e.Message);
            _loopRunning = false;
            _session = null;
            DeactivateOnIdle();
        }
    }

    // A grain this trial calls may live on a silo that is being declared dead, or wait on its database; the calls made
    // here are idempotent, so ask again, backing off, until the patience runs out (then the answer is null).
    private async Task<T?> AskPatiently<T>(Func<Task<T>> ask, string what) where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        var wait = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await ask();
            }
            catch (Exception e) when (e is not StudyException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    log.LogError("trial {Trial}: {What} has had no answer for {Patience}: {Error}", this.GetPrimaryKeyString(), what, Patience, e.Message);
                    return null;
                }
                log.LogWarning("trial {Trial}: {What} failed ({Error}); retrying in {Wait}", this.GetPrimaryKeyString(), what, e.Message, wait);
                await Task.Delay(wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            }
        }
    }

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private async Task Apply(TrialDecision decision)
    {
        switch (decision.Kind)
        {
            case DecisionKind.Continue:
                Kick(); // persisted as waiting on this round: after a failure it asks again and gets Continue again
                return;
            case DecisionKind.Wait:
                S.State = TrialState.Waiting;
                await Finish();
                return;
            case DecisionKind.Stop:
                S.State = TrialState.Stopped;
                S.Note = decision.Reason;
                _session = null;
                await Finish();
                return;
            case DecisionKind.SetLearningRate:
                S.LearningRate = decision.LearningRate;
                S.Note = decision.Reason;
                _session = null; // reopened from the checkpoint at the new rate
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
                var sourceTrial = GrainReferences<ITrialGrain>.Get(GrainFactory, TrialKeys.Of(S.Plan!.StudyId, decision.SourceTrial));
                // A failed fetch is not a gone checkpoint: the source may be moving off a dead silo. Only its answer says it is gone.
                var fetch = await AskPatiently(async () => new Fetched(await sourceTrial.GetSnapshot(decision.SourceRound)),
                    $"fetching trial {decision.SourceTrial}'s round {decision.SourceRound}")
                    ?? throw new TimeoutException($"trial {decision.SourceTrial} did not answer for its round {decision.SourceRound}");
                var source = fetch.Snapshot;
                // The study records the explored hyperparameters either way, so the trial trains with them either way:
                // with the source's weights, or (its checkpoint gone) with its own, which fit since architecture is never perturbed.
                if (source is not null)
                {
                    S.Checkpoint = source.Checkpoint;
                    S.PreviousCheckpoint = null;
                }
                S.Hyperparameters = decision.Hyperparameters ?? source?.Hyperparameters ?? S.Hyperparameters;
                S.LearningRate = null;
                S.Note = source is not null
                    ? $"copied trial {decision.SourceTrial} at its round {source.Round}"
                    : $"trial {decision.SourceTrial}'s round {decision.SourceRound} is gone: explored from own weights";
                _session = null;
                break;
        }
        await Durably.WriteAsync(state, log, this);
        Kick();
    }

    // The loop pauses (waiting, stopped): write what we have. A stopped trial also leaves memory —
    // a study of 100 000 trials must not keep 100 000 activations — and is read back if asked.
    private async Task Finish()
    {
        _loopRunning = false;
        await Durably.WriteAsync(state, log, this);
        if (S.State is TrialState.Stopped or TrialState.Failed) DeactivateOnIdle();
    }

    // A one-way call to ourselves: the next round starts as a new turn, after this one has ended.
    private void Kick()
    {
        _loopRunning = true;
        GrainReferences<ITrialGrain>.Get(GrainFactory, this.GetPrimaryKeyString()).RunRound().Ignore();
    }

    private sealed record Fetched(TrialSnapshot? Snapshot);
}
