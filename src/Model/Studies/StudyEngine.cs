using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Scheduling;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Studies;

/// <summary>The study's decisions as a deterministic state machine: trials to start and what each trial does next.</summary>
/// <remarks>
/// The study grain feeds it events (start, reports, failures, expiry) and acts on what it returns;
/// it keeps no clock and reads no randomness but its seeded generator, so replaying the same
/// events rebuilds the same state. That is how the grain persists it: the events are the state.
/// Caviar generations advance in lockstep, round by round, so the population's decisions do not
/// depend on which member happened to report first; that keeps a seeded study reproducible.
/// <para>
/// Its whole state is declared here, in one place; the partial files beside this one hold the
/// launches (what runs next) and the policies (caviar, panda, re-test, budget), and own no state.
/// The policies it delegates to are small classes: the sampler and <see cref="Region"/> decide what runs (Ray
/// Tune's searcher), the stopping scheduler, <see cref="Population"/> and <see cref="Panda"/>
/// whether a running trial goes on (its scheduler).
/// </para>
/// </remarks>
public sealed partial class StudyEngine
{
    // Policies, built from the spec.
    private readonly Rng _rng;
    private readonly ISampler _sampler;
    private readonly IStoppingScheduler _stopping;
    private readonly Retest _retest;
    private readonly Panda _panda = new();

    // An earlier study's trials (warm start): the model sampler's history begins with them; they are no trials of this study.
    private readonly ScoredPoint[] _priors;

    // Trials: every one ever launched, by number; the active ones; the failures.
    private readonly List<TrialRecord> _trials = [];
    private readonly SortedSet<int> _active = [];
    private readonly List<int> _failures = [];
    private readonly Leaderboard _leaderboard = new();
    private int _searchLaunched;
    private bool _learned; // some search trial has reported a finite score

    // Search: the sampler's next index, the regions coarse to fine, this generation's trials and (caviar) its current population.
    private int _samples;
    private readonly List<Region> _regions = [];
    private readonly SearchEvidence _evidence;
    private readonly List<TrialRecord> _generationTrials = [];
    private List<TrialRecord> _population = [];

    // Re-tests: who re-tests whom, when the next is due, whether one is running, whether the final one started,
    // whether its reserve went back to the search unused.
    private readonly Dictionary<int, List<int>> _retestsOf = [];
    private int _completedSinceRetest;
    private int _roundsSinceRetest;
    private bool _retestRequested;
    private bool _retesting;
    private bool _finalRetestStarted;
    private bool _reserveReleased;

    // Set when the study expired: nothing new starts.
    private bool _noMoreLaunches;

    // The ranking is cached until the next event changes the engine.
    private int _version;
    private (int Version, IReadOnlyList<RankedTrial> Ranking) _ranking = (-1, []);

    public StudyEngine(StudySpec spec, StudyStrategy strategy)
    {
        if (strategy == StudyStrategy.Auto) throw new ArgumentException("resolve auto to panda or caviar before starting the engine", nameof(strategy));
        Spec = spec;
        Strategy = strategy;
        _rng = new Rng((ulong)spec.Seed);
        // A caviar population is drawn at once: a model that waited for more than one population's results would
        // leave the second population as unmodelled as the first.
        var startup = spec.Sampler.StartupTrials ?? (strategy == StudyStrategy.Caviar ? spec.Population.Size : null);
        _sampler = spec.Sampler.Kind switch
        {
            SamplerKind.Halton => new HaltonSampler(spec.Space.Count, spec.Seed),
            SamplerKind.Grid => new GridSampler(spec.Space, spec.Sampler.Points),
            SamplerKind.Tpe => new TpeSampler(spec.Space, spec.Seed, startup),
            SamplerKind.GaussianProcess => new GpSampler(spec.Space, spec.Seed, startup),
            SamplerKind.CmaEs => new CmaEsSampler(spec.Space, spec.Seed),
            _ => new RandomSampler(spec.Space.Count, spec.Seed),
        };
        MaxRounds = Math.Max(1, spec.Budget.MaxEpochsPerTrial / spec.Budget.EpochsPerRound);
        _stopping = StoppingScheduler.Create(spec.Stopping.Kind.ToString().ToLowerInvariant(), MaxRounds,
            graceRounds: spec.Stopping.GraceRounds, reductionFactor: spec.Stopping.ReductionFactor);
        _retest = new Retest(spec.Retest.Repeats);
        _priors = [.. (spec.WarmStart?.Trials ?? []).Select(t => new ScoredPoint(spec.Space.ToUnit(t.Values), t.Score))];
        _regions.Add(Region.Full(spec.Space));
        _evidence = new SearchEvidence(_regions[0], Zoom.KeepFraction);
    }

    private static readonly CoarseToFineOptions Zoom = new();

    public StudySpec Spec { get; }
    public StudyStrategy Strategy { get; }

    /// <summary>The epoch cap per trial, in rounds.</summary>
    public int MaxRounds { get; }

    public IReadOnlyList<TrialRecord> Trials => _trials;

    /// <summary>Trials training or waiting for a decision, by number; kept as a set so a status costs nothing at trial 100 000.</summary>
    public IEnumerable<TrialRecord> ActiveTrials => _active.Select(n => _trials[n]);

    /// <summary>The region each generation sampled from, coarse to fine.</summary>
    public IReadOnlyList<Region> Regions => _regions;

    public int Generation { get; private set; }
    public int EpochsUsed { get; private set; }
    public int SearchTrialsLaunched => _searchLaunched;

    /// <summary>Every trial started, search and re-test: what the trial budget counts.</summary>
    public int TrialsLaunched => _trials.Count;
    public bool IsFinished { get; private set; }
    public string? FinishReason { get; private set; }

    /// <summary>The study finished without learning anything: every trial failed or diverged. <see cref="FinishReason"/> says why.</summary>
    public bool Failed { get; private set; }

    /// <summary>Trials that failed or diverged, in the order they did.</summary>
    public IEnumerable<TrialRecord> Failures => _failures.Select(n => _trials[n]);

    public int FailureCount => _failures.Count;

    public EngineStep Start()
    {
        _version++;
        if (_trials.Count > 0) return EngineStep.None;
        var step = new StepBuilder();
        LaunchNext(step);
        return step.Build();
    }

    /// <summary>Whether a report would change the engine (false for a duplicate, a report from a stopped trial, or one ahead of the expected round).</summary>
    public bool IsNewReport(int trial, RoundReport report) =>
        trial >= 0 && trial < _trials.Count && _trials[trial].IsActive
        && report.Round == _trials[trial].Rounds.Count + 1 && !IsRolledBack(_trials[trial], report);

    /// <summary>
    /// The round the engine expects next from <paramref name="trial"/>; 0 for a trial that is not active.
    /// A trial that reports a later round has rounds the engine never recorded (say, lost with an earlier
    /// activation of the study): it should resend its history from this round on.
    /// </summary>
    public int ExpectedRound(int trial) =>
        trial >= 0 && trial < _trials.Count && _trials[trial].IsActive ? _trials[trial].Rounds.Count + 1 : 0;

    /// <summary>
    /// A trial's round. A duplicate (same trial and round, even of a round since rolled back) changes nothing
    /// and gets the same answer. A report ahead of <see cref="ExpectedRound"/> changes nothing and gets Wait;
    /// an unknown trial gets Stop. Never throws on what a trial sends.
    /// </summary>
    public EngineStep Report(int trial, RoundReport report)
    {
        if (trial < 0 || trial >= _trials.Count)
            return new EngineStep([], [new TrialDecisionFor(trial, report.Round, new Decision.Stop($"no trial {trial} in this study"))]);
        var t = _trials[trial];
        if (report.Round <= t.Rounds.Count || !t.IsActive || IsRolledBack(t, report))
        {
            var answer = t.LastDecision is { } last && last.Round == report.Round ? last.Decision
                : t.IsActive ? Decision.Waiting : new Decision.Stop(t.Note ?? "stopped");
            return new EngineStep([], [new TrialDecisionFor(trial, report.Round, answer)]);
        }
        if (report.Round != t.Rounds.Count + 1)
            return new EngineStep([], [new TrialDecisionFor(trial, report.Round, Decision.Waiting)]);
        _version++;

        // A diverged round scores NaN, which never ranks, however its accuracy happens to come out.
        var score = report.Diverged ? double.NaN : Spec.Objective.Score(report.ValidationAccuracy, report.ValidationLoss);
        var recorded = new RecordedRound(report, score, t.LearningRate, t.Hyperparameters, "");
        if (t.Kind == TrialKind.Search && !double.IsNaN(score)) _learned = true;
        t.Rounds.Add(recorded);
        t.AllRounds.Add(recorded);
        Rescore(t);
        t.Phase = TrialPhase.Waiting;
        EpochsUsed += Spec.Budget.EpochsPerRound;
        _roundsSinceRetest++;

        var step = new StepBuilder();
        // The panda babysits its own divergence (roll back, lower the rate); elsewhere a blown-up network has nothing left to give.
        if (report.Diverged && (t.Kind == TrialKind.Retest || Strategy == StudyStrategy.Caviar)) StopDiverged(t, step);
        else if (t.Kind == TrialKind.Retest) DecideRetest(t, step);
        else if (Strategy == StudyStrategy.Panda) DecidePanda(t, step);
        if (Strategy == StudyStrategy.Caviar && t.Kind == TrialKind.Search)
        {
            StopAtCap(t, step);
            DecideCaviar(step);
        }
        AfterDecisions(step);
        return step.Build();
    }

    // A rolled-back round leaves Rounds but stays in AllRounds: a resend of that very report is a duplicate,
    // while the retrained round (same number, new metrics) is news.
    private static bool IsRolledBack(TrialRecord t, RoundReport report) =>
        t.AllRounds.Count > t.Rounds.Count && t.AllRounds.Any(r => r.Report.Round == report.Round && r.Report == report);

    private void StopDiverged(TrialRecord t, StepBuilder step)
    {
        var round = t.Rounds.Count;
        var reason = $"diverged in round {round} ({t.Rounds[^1].Report.DivergenceText})";
        Stop(t, round, reason, step);
        RecordFailure(t, reason);
    }

    private void RecordFailure(TrialRecord t, string reason)
    {
        t.Failure = reason;
        _failures.Add(t.Number);
    }

    /// <summary>A trial that could not train (bad data on its silo, an exception): it leaves the study.</summary>
    public EngineStep TrialFailed(int trial, string message)
    {
        var t = _trials[trial];
        if (!t.IsActive) return EngineStep.None;
        _version++;
        Leave(t, TrialPhase.Failed);
        t.Note = message;
        RecordFailure(t, message);
        var step = new StepBuilder();
        if (t.Kind == TrialKind.Search && Strategy == StudyStrategy.Caviar) DecideCaviar(step);
        AfterDecisions(step);
        return step.Build();
    }

    /// <summary>Wall time spent or the study cancelled: every active trial stops and nothing new starts.</summary>
    public EngineStep Expire(string reason)
    {
        var step = new StepBuilder();
        _version++;
        _noMoreLaunches = true;
        foreach (var t in ActiveTrials.ToList()) Stop(t, t.Rounds.Count, reason, step);
        Finish(reason);
        return step.Build();
    }

    private void AfterDecisions(StepBuilder step)
    {
        if (IsFinished || _active.Count > 0) return;
        if (_retesting)
        {
            _retesting = false;
            if (_finalRetestStarted) { Finish(BudgetReason()); return; }
        }
        else if (GenerationComplete)
        {
            EndGeneration();
            // A whole generation without one finite score: the data or the space is broken, and more trials would only burn budget.
            if (!_learned) { Finish("every trial so far failed or diverged"); return; }
            if (RetestDue() && StartRetest(step)) return;
        }
        LaunchNext(step);
    }

    private void Stop(TrialRecord t, int round, string reason, StepBuilder step)
    {
        Leave(t, TrialPhase.Stopped);
        t.Note = reason;
        // A trial stopped early by the stopping rule was a screening, not a result: with successive halving most
        // trials are, and re-testing after every few screenings would spend the search's budget on re-tests.
        if (t.Kind == TrialKind.Search && t.Rounds.Count >= t.TargetRounds) _completedSinceRetest++;
        Decide(t, round, new Decision.Stop(reason), step);
    }

    // Counted rather than searched for: a report must cost the same at trial 100 000 as at trial 10.
    private void Leave(TrialRecord t, TrialPhase phase)
    {
        _active.Remove(t.Number);
        t.Phase = phase;
    }

    private static void Decide(TrialRecord t, int round, Decision decision, StepBuilder step)
    {
        if (decision is not Decision.Stop) t.Phase = TrialPhase.Running;
        var d = new TrialDecisionFor(t.Number, round, decision);
        t.LastDecision = d;
        if (t.AllRounds.Count > 0 && t.AllRounds[^1].Report.Round == round)
            t.AllRounds[^1] = t.AllRounds[^1] with { Decision = Describe(decision) };
        step.Decisions.Add(d);
    }

    private static string Describe(Decision d) => d switch
    {
        Decision.Continue => "continue",
        Decision.Stop s => $"stop: {s.Reason}",
        Decision.Exploit e => $"exploit trial {e.SourceTrial}",
        Decision.Rollback r => $"rollback, learning rate {r.LearningRate:G3}",
        Decision.SetLearningRate l => $"learning rate {l.LearningRate:G3}",
        _ => d.GetType().Name.ToLowerInvariant(),
    };

    // A study that learned nothing has failed, whatever ended it: its reason is the first trial's failure, which is the one a user can act on.
    private void Finish(string reason)
    {
        if (IsFinished) return;
        IsFinished = true;
        FinishReason = reason;
        if (_learned) return;
        Failed = true;
        var first = Failures.FirstOrDefault();
        FinishReason = first is null
            ? $"no trial reported a result ({reason})"
            : $"no trial learned anything ({_failures.Count} failed or diverged); the first, trial {first.Number}: {first.Failure}";
    }

    private sealed class StepBuilder
    {
        public List<TrialLaunch> Launches { get; } = [];
        public List<TrialDecisionFor> Decisions { get; } = [];
        public EngineStep Build() => Launches.Count == 0 && Decisions.Count == 0 ? EngineStep.None : new(Launches, Decisions);
    }
}
