using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Grains.Trials;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>Runs one study: feeds every event to the pure <see cref="StudyEngine"/> and carries out what it decides.</summary>
/// <remarks>
/// The engine is rebuilt from the study's event log (<see cref="StudyLog"/>); the grain state holds only
/// what the log cannot: the spec, the strategy chosen for it, and how the study ended. Every event is
/// stored before what it decided is sent, so a study that restarts anywhere decides exactly as before.
/// Reentrant so reports arriving during a store write share it: engine calls are synchronous, so
/// each handler's engine step is atomic between awaits.
/// </remarks>
[GrainType("tuning.study"), Reentrant]
public sealed partial class StudyGrain(
    [PersistentState("study", StorageNames.Tuning)] IPersistentState<StudyGrainState> state,
    IStudyStore store,
    Placement.ClusterSlots slots,
    IOptions<StudyOptions> options,
    ILogger<StudyGrain> log) : Grain, IStudyGrain, IRemindable
{
    private const string Watchdog = "watchdog";
    private static readonly TimeSpan StatusMaxAge = TimeSpan.FromMilliseconds(250);

    private StudyGrainState S => state.State;
    private string Id => this.GetPrimaryKeyString();
    private StudyLog? _log;
    private readonly StudyProjector _projector = new();
    private StudySpec? _spec;
    private StudyEngine? _engine;
    private int _reports;
    private StudyStatus? _status;
    private DateTime _statusAt;

    private StudyLog Log => _log ??= new StudyLog(Id, store, log, options.Value.SnapshotMinEvents);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.SpecText is not null)
        {
            _spec = StudySpecParser.Parse(S.SpecText, Id);
            _engine = await StudyRecovery.RebuildAsync(Id, _spec, Enum.Parse<StudyStrategy>(S.Strategy), Log, log);
            if (S.ProjectionFinal) _projector.AlreadyFinal();
            else _projector.TouchAll(_engine);
            if (S.Phase == StudyPhase.Running)
            {
                StartTimers();
                // Decisions sent by the previous activation may be lost with it: trials ask again.
                ResumeActiveTrials();
            }
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try { await Flush(final: false); }
        catch (Exception e) { log.LogWarning("study {Study}: last projection write failed: {Error}", Id, e.Message); }
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<StudyStatus> Start(string specText)
    {
        // Reentrant: a second Start (a client's retry) waits for the first rather than starting the study twice.
        if (_starting is null && S.SpecText is null) _starting = StartOnce(specText);
        if (_starting is { } starting)
        {
            try { await starting; }
            catch { if (_starting == starting) _starting = null; throw; }
        }
        return await GetStatus();
    }

    private Task? _starting;
    private bool _completing;
    private bool _completionScheduled;
    private bool _stale; // another activation owns the log now: write nothing more

    private async Task StartOnce(string specText)
    {
        StudySpec spec;
        try
        {
            spec = StudySpecParser.Parse(specText, Id);
        }
        catch (SpecException e)
        {
            throw new StudyException($"{e.Message}: {string.Join("; ", e.Errors)}");
        }
        // The choice is made once and stored: replaying or re-activating the study never changes it.
        await slots.RefreshAll();
        // The cluster's capacity, not the load of the moment: the same cluster always chooses the same.
        var (strategy, reason) = StrategyChoice.Choose(spec.Strategy, spec.Population.Size, slots.ClusterCapacity, slots.SiloCount);
        S.SpecText = specText;
        S.Strategy = strategy.ToString();
        S.StrategyReason = reason;
        S.StartedUtc = DateTime.UtcNow;
        S.Phase = StudyPhase.Running;
        await Durably.WriteAsync(state, log, this);
        _spec = spec;
        _engine = new StudyEngine(spec, strategy);
        var step = _engine.Start();
        await GrainFactory.GetGrain<IStudyDirectoryGrain>(0).Register(Id);
        await this.RegisterOrUpdateReminder(Watchdog, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod);
        StartTimers();
        log.LogInformation("study {Study} started: {Strategy} ({Reason})", Id, strategy, reason);
        Carry(step, reporter: -1);
        await CompleteIfFinished();
    }

    public async Task<TrialDecision> Report(TrialReport report)
    {
        if (_engine is null) return TrialDecision.Stop("the study has not started");
        _reports++;
        var engineReport = Wire.ToReport(report.Metrics);
        if (_engine.IsNewReport(report.Trial, engineReport))
        {
            Log.Record(new StudyEvent(StudyEventKind.Report, report.Trial, report.Metrics, null));
            _projector.Touch(report.Trial);
        }
        else if (IsAhead(report.Trial, engineReport.Round))
        {
            // Only a store that lost acknowledged events can get here: say so, and let the trial ask again later.
            log.LogError("study {Study}: trial {Trial} reported round {Round}, but the study has only {Rounds} of its rounds",
                Id, report.Trial, engineReport.Round, _engine.Trials[report.Trial].Rounds.Count);
            return TrialDecision.Wait;
        }
        var step = _engine.Report(report.Trial, engineReport);
        // A duplicate's answer is waited for too: the first copy's event may still be on its way to the store.
        await Durable();
        Carry(step, reporter: report.Trial);
        CompleteSoon();
        return Wire.ToWire(step.For(report.Trial, engineReport.Round));
    }

    public async Task TrialFailed(int trial, string message)
    {
        if (_engine is null) return;
        Log.Record(new StudyEvent(StudyEventKind.Failed, trial, null, message));
        _projector.Touch(trial);
        var step = _engine.TrialFailed(trial, message);
        await Durable();
        Carry(step, reporter: -1);
        CompleteSoon();
    }

    public async Task<StudyStatus> Cancel(string reason)
    {
        if (_engine is not null && S.Phase == StudyPhase.Running) await Expire(reason, StudyPhase.Cancelled);
        return await GetStatus();
    }

    public Task ResumeTrials()
    {
        if (S.Phase == StudyPhase.Running && _engine is not null) ResumeActiveTrials();
        return Task.CompletedTask;
    }

    // A live view polls several times a second; ranking a long history that often would tax the
    // reports it is watching, so a running study answers from a status at most a quarter-second old.
    public Task<StudyStatus> GetStatus()
    {
        var now = DateTime.UtcNow;
        if (_status is null || _status.Phase != S.Phase || S.Phase != StudyPhase.Running || now - _statusAt > StatusMaxAge)
        {
            _status = StudyView.Status(Id, S, _engine, _reports);
            _statusAt = now;
        }
        return Task.FromResult(_status);
    }

    public Task<StudyResults> GetResults() => Task.FromResult(StudyView.Results(Id, S, _engine, _reports));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Watchdog && S.Phase == StudyPhase.Running && _engine is not null) ResumeActiveTrials();
        return Task.CompletedTask;
    }

    private bool IsAhead(int trial, int round) =>
        trial >= 0 && trial < _engine!.Trials.Count && _engine.Trials[trial].IsActive && round > _engine.Trials[trial].Rounds.Count + 1;

    // Starts the trials the engine launched and delivers decisions to trials other than the reporter
    // (the reporter gets its decision as the answer to its report). Every call is one-way: a trial
    // may be waiting on this study right now. Called only once the step's event is stored.
    private void Carry(EngineStep step, int reporter)
    {
        _projector.Touch(step);
        foreach (var l in step.Launches) Trial(l.Number).Start(PlanFor(l)).Ignore();
        foreach (var d in step.Decisions.Where(d => d.Trial != reporter))
        {
            if (d.Decision is Decision.Stop s) Trial(d.Trial).Stop(s.Reason).Ignore();
            else Trial(d.Trial).Decide(d.Round, Wire.ToWire(d.Decision)).Ignore();
        }
    }

    private void StartTimers()
    {
        this.RegisterGrainTimer(() => Flush(final: false),
            new GrainTimerCreationOptions(options.Value.FlushInterval, options.Value.FlushInterval) { Interleave = false });
        this.RegisterGrainTimer(CheckClock,
            new GrainTimerCreationOptions(options.Value.ClockInterval, options.Value.ClockInterval) { Interleave = false });
        // Re-test occasionally by the clock. The timer only records a request, replayed like any
        // event; the engine acts on it at the next generation boundary.
        if (_spec!.Retest is { Enabled: true, Every: { } every })
            this.RegisterGrainTimer(RequestRetest, new GrainTimerCreationOptions(every, every) { Interleave = false });
    }

    private Task RequestRetest()
    {
        if (S.Phase != StudyPhase.Running) return Task.CompletedTask;
        Log.Record(new StudyEvent(StudyEventKind.RetestRequested, -1, null, null));
        _engine!.RequestRetest();
        return Durable();
    }

    // Start is idempotent and resumes a trial that lost its activation (a silo failure, say).
    private void ResumeActiveTrials()
    {
        foreach (var t in _engine!.ActiveTrials) Trial(t.Number).Start(PlanFor(t.Launch)).Ignore();
    }

    private TrialPlan PlanFor(TrialLaunch l)
    {
        var spec = _spec!;
        return new(Id, l.Number, l.Hyperparameters, DataReference.Of(spec, l.SplitSeed), l.Seed,
            spec.Budget.EpochsPerRound, new Model.Search.Configuration(spec.Fixed));
    }

    private ITrialGrain Trial(int number) => GrainReferences<ITrialGrain>.Get(GrainFactory, TrialKeys.Of(Id, number));
}
