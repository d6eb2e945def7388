using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Tuning.Grains.Trials;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>Runs one study: feeds every event to the pure <see cref="StudyEngine"/> and carries out what it decides.</summary>
[GrainType("tuning.study")]
public sealed class StudyGrain(
    [PersistentState("study", StorageNames.Tuning)] IPersistentState<StudyGrainState> state,
    TrainingPool pool,
    IOptions<StudyOptions> options,
    ILogger<StudyGrain> log) : Grain, IStudyGrain, IRemindable
{
    private const string Watchdog = "watchdog";
    private StudyGrainState S => state.State;
    private StudySpec? _spec;
    private StudyEngine? _engine;
    private bool _dirty;
    private int _reports;
    private StudyStatus? _status;
    private DateTime _statusAt;
    private static readonly TimeSpan StatusMaxAge = TimeSpan.FromMilliseconds(250);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.SpecText is null) return;
        _spec = StudySpecParser.Parse(S.SpecText, this.GetPrimaryKeyString());
        _engine = Replay(_spec, S);
        if (S.Phase == StudyPhase.Running)
        {
            StartTimers();
            // Decisions sent to trials by the previous activation may be lost; trials ask again.
            ResumeActiveTrials();
        }
        await base.OnActivateAsync(cancellationToken);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_dirty) await Flush();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<StudyStatus> Start(string specText)
    {
        if (S.SpecText is not null) return await GetStatus();
        try
        {
            _spec = StudySpecParser.Parse(specText, this.GetPrimaryKeyString());
        }
        catch (SpecException e)
        {
            throw new StudyException($"{e.Message}: {string.Join("; ", e.Errors)}");
        }
        var (strategy, reason) = await ChooseStrategy(_spec);
        S.SpecText = specText;
        S.Strategy = strategy.ToString();
        S.StrategyReason = reason;
        S.StartedUtc = DateTime.UtcNow;
        S.Phase = StudyPhase.Running;
        _engine = new StudyEngine(_spec, strategy);
        var step = _engine.Start();
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IStudyDirectoryGrain>(0).Register(this.GetPrimaryKeyString());
        await this.RegisterOrUpdateReminder(Watchdog, options.Value.WatchdogPeriod, options.Value.WatchdogPeriod);
        StartTimers();
        log.LogInformation("study {Study} started: {Strategy} ({Reason})", this.GetPrimaryKeyString(), strategy, reason);
        await Carry(step, reporter: -1);
        await CompleteIfFinished();
        return await GetStatus();
    }

    public async Task<TrialDecision> Report(TrialReport report)
    {
        if (_engine is null) return TrialDecision.Stop("the study has not started");
        _reports++;
        var engineReport = Wire.ToReport(report.Metrics);
        if (_engine.IsNewReport(report.Trial, engineReport))
        {
            S.Events.Add(new StudyEvent(StudyEventKind.Report, report.Trial, report.Metrics, null));
            _dirty = true;
        }
        var step = _engine.Report(report.Trial, engineReport);
        await Carry(step, reporter: report.Trial);
        await CompleteIfFinished();
        return Wire.ToWire(step.For(report.Trial, engineReport.Round));
    }

    public async Task TrialFailed(int trial, string message)
    {
        if (_engine is null) return;
        S.Events.Add(new StudyEvent(StudyEventKind.Failed, trial, null, message));
        _dirty = true;
        await Carry(_engine.TrialFailed(trial, message), reporter: -1);
        await CompleteIfFinished();
    }

    public async Task<StudyStatus> Cancel(string reason)
    {
        if (_engine is not null && S.Phase == StudyPhase.Running) await Expire(reason, StudyPhase.Cancelled);
        return await GetStatus();
    }

    // A live view polls several times a second; ranking a long history that often would tax the
    // reports it is watching, so a running study answers from a status at most a quarter-second old.
    public Task<StudyStatus> GetStatus()
    {
        var now = DateTime.UtcNow;
        if (_status is null || _status.Phase != S.Phase || S.Phase != StudyPhase.Running || now - _statusAt > StatusMaxAge)
        {
            _status = StudyView.Status(this.GetPrimaryKeyString(), S, _engine, _reports);
            _statusAt = now;
        }
        return Task.FromResult(_status);
    }

    public Task<StudyResults> GetResults() => Task.FromResult(StudyView.Results(this.GetPrimaryKeyString(), S, _engine, _reports));

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == Watchdog && S.Phase == StudyPhase.Running && _engine is not null) ResumeActiveTrials();
        return Task.CompletedTask;
    }

    private async Task Expire(string reason, StudyPhase phase)
    {
        S.Events.Add(new StudyEvent(StudyEventKind.Expired, -1, null, reason));
        var step = _engine!.Expire(reason);
        await Carry(step, reporter: -1);
        await Complete(phase, reason);
    }

    // Starts the trials the engine launched and delivers decisions to trials other than the reporter
    // (the reporter gets its decision as the answer to its report).
    private async Task Carry(EngineStep step, int reporter)
    {
        var starts = step.Launches.Select(l => Trial(l.Number).Start(PlanFor(l)));
        foreach (var d in step.Decisions.Where(d => d.Trial != reporter))
        {
            // One-way: a trial may be waiting on this study right now.
            if (d.Decision is Decision.Stop s) Trial(d.Trial).Stop(s.Reason).Ignore();
            else Trial(d.Trial).Decide(d.Round, Wire.ToWire(d.Decision)).Ignore();
        }
        if (step.Launches.Count > 0) _dirty = true;
        await Task.WhenAll(starts);
    }

    private async Task CompleteIfFinished()
    {
        if (_engine is { IsFinished: true } && S.Phase == StudyPhase.Running)
            await Complete(StudyPhase.Completed, _engine.FinishReason);
    }

    // A study that learned nothing has failed, however it ended (its budget, its clock), unless the user cancelled it.
    private async Task Complete(StudyPhase phase, string? message)
    {
        if (phase == StudyPhase.Completed && _engine!.Failed)
        {
            phase = StudyPhase.Failed;
            message = _engine.FinishReason;
        }
        if (phase == StudyPhase.Completed) S.Test = await EvaluateLeaderOnTest();
        S.Phase = phase;
        S.FinishedUtc = DateTime.UtcNow;
        S.Message = message;
        await Flush();
        var reminder = await this.GetReminder(Watchdog);
        if (reminder is not null) await this.UnregisterReminder(reminder);
        if (phase == StudyPhase.Failed) log.LogWarning("study {Study} failed: {Message}", this.GetPrimaryKeyString(), message);
        else log.LogInformation("study {Study} {Phase}: {Message}", this.GetPrimaryKeyString(), phase, message);
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

    private void StartTimers()
    {
        this.RegisterGrainTimer(async () => { if (_dirty) await Flush(); },
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
        S.Events.Add(new StudyEvent(StudyEventKind.RetestRequested, -1, null, null));
        _engine!.RequestRetest();
        _dirty = true;
        return Task.CompletedTask;
    }

    private async Task CheckClock()
    {
        if (S.Phase != StudyPhase.Running || _spec?.Budget.WallTime is not { } wall) return;
        if (DateTime.UtcNow - S.StartedUtc >= wall) await Expire("wall time spent", StudyPhase.Completed);
    }

    private async Task Flush()
    {
        _dirty = false;
        await state.WriteStateAsync();
    }

    private async Task<(StudyStrategy, string)> ChooseStrategy(StudySpec spec)
    {
        if (spec.Strategy != StudyStrategy.Auto) return StrategyChoice.Choose(spec.Strategy, spec.Population.Size, 0, 0);
        var silos = (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;
        // Capacity, not the load of the moment, so the same cluster always chooses the same; silos are assumed alike.
        return StrategyChoice.Choose(StudyStrategy.Auto, spec.Population.Size, silos * pool.Slots, silos);
    }

    // Start is idempotent and resumes a trial that lost its activation (a silo failure, say).
    private void ResumeActiveTrials()
    {
        foreach (var t in _engine!.ActiveTrials) Trial(t.Number).Start(PlanFor(t.Launch)).Ignore();
    }

    private TrialPlan PlanFor(TrialLaunch l)
    {
        var spec = _spec!;
        return new(this.GetPrimaryKeyString(), l.Number, l.Hyperparameters, DataReference.Of(spec, l.SplitSeed), l.Seed,
            spec.Budget.EpochsPerRound, new Model.Search.Configuration(spec.Fixed));
    }

    private ITrialGrain Trial(int number) => GrainFactory.GetGrain<ITrialGrain>(TrialKeys.Of(this.GetPrimaryKeyString(), number));

    private static StudyEngine Replay(StudySpec spec, StudyGrainState s)
    {
        var engine = new StudyEngine(spec, Enum.Parse<StudyStrategy>(s.Strategy));
        engine.Start();
        foreach (var e in s.Events)
        {
            switch (e.Kind)
            {
                case StudyEventKind.Report: engine.Report(e.Trial, Wire.ToReport(e.Metrics!)); break;
                case StudyEventKind.Failed: engine.TrialFailed(e.Trial, e.Message!); break;
                case StudyEventKind.Expired: engine.Expire(e.Message!); break;
                case StudyEventKind.RetestRequested: engine.RequestRetest(); break;
            }
        }
        return engine;
    }
}
