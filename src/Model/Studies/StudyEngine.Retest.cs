using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Scheduling;

namespace Orleans.Tuning.Model.Studies;

// Re-test occasionally: leaders re-train from scratch with fresh seeds; the ranking uses the mean.
public sealed partial class StudyEngine
{

    /// <summary>Search trials ranked by the mean of their original run and their finished re-tests, best first.</summary>
    /// <remarks>Cached until the next event: a console polls it, and ranking 100 000 trials is not free.</remarks>
    public IReadOnlyList<RankedTrial> Ranking()
    {
        if (_ranking.Version != _version)
            _ranking = (_version, Retest.Rank([.. _trials.Where(t => t.Kind == TrialKind.Search && t.Rounds.Count > 0)
                .Select(t => new TrialRuns(t.Number, t.LastScore, RetestScores(t.Number)))], retestedFirst: FinalRetested));
        return _ranking.Ranking;
    }

    /// <summary>The best trial: the first of the ranking with a finite mean. A trial that diverged, even on one re-run, is never it.</summary>
    public RankedTrial? Leader => Leaders(1).FirstOrDefault();

    /// <summary>The first <paramref name="count"/> of <see cref="Ranking"/> with a finite mean, without ranking the whole history.</summary>
    /// <remarks>
    /// Trials run once rank by their score less the same pooled spread, so only the best few of them can lead; they
    /// are ranked with every re-tested trial, which are few and whose runs set that spread.
    /// </remarks>
    public IReadOnlyList<RankedTrial> Leaders(int count)
    {
        var retested = _retestsOf.Keys
            .Select(n => new TrialRuns(n, _trials[n].LastScore, RetestScores(n)))
            .Where(r => r.Retests.Length > 0)
            .ToList();
        var rerun = retested.Select(r => r.Trial).ToHashSet();
        var once = _leaderboard.Best()
            .Where(b => !rerun.Contains(b.Trial))
            .Take(count)
            .Select(b => new TrialRuns(b.Trial, b.Score, []));
        return [.. Retest.Rank([.. retested, .. once], retestedFirst: FinalRetested).Where(r => double.IsFinite(r.Mean)).Take(count)];
    }

    // A re-test that diverged counts, as NaN: a configuration that blows up on a fresh seed is not a safe winner.
    public double[] RetestScores(int leader) =>
        _retestsOf.TryGetValue(leader, out var retests)
            ? [.. retests.Select(n => _trials[n])
                .Where(r => r.Phase == TrialPhase.Stopped && (r.Rounds.Count >= r.TargetRounds || r.Failure is not null))
                .Select(r => r.LastScore)]
            : [];

    /// <summary>The re-test timer fired: the leaders are re-tested at the next generation boundary.</summary>
    public void RequestRetest() => _retestRequested = Spec.Retest.Enabled;

    private bool RetestDue()
    {
        var r = Spec.Retest;
        if (!r.Enabled) return false;
        return _retestRequested
            || (r.EveryTrials is { } trials && _completedSinceRetest >= trials)
            || (r.EveryRounds is { } rounds && _roundsSinceRetest >= rounds);
    }

    private bool StartRetest(StepBuilder step)
    {
        // The leaderboard holds the scored search trials in the order leaders are chosen in, so only its head is read.
        var candidates = _leaderboard.Best()
            .Select(b => new TrialScore(b.Trial, b.Score, _retestsOf.GetValueOrDefault(b.Trial)?.Count ?? 0))
            .Where(_retest.MayRetest)
            .Take(Spec.Retest.Leaders)
            .ToList();
        var leaders = _retest.ChooseLeaders(candidates, Spec.Retest.Leaders);
        if (leaders.Count == 0) return false;
        var started = false;
        foreach (var leader in leaders)
        {
            var l = _trials[leader];
            // A leader is re-tested with all its repeats or not at all, and only within the budgets.
            if (!RetestFits(Spec.Retest.Repeats, l.Rounds.Count)) break;
            started = true;
            for (var k = 0; k < Spec.Retest.Repeats; k++) LaunchRetest(l, step);
        }
        return started && RetestStarted();
    }

    private void LaunchRetest(TrialRecord leader, StepBuilder step, int? split = null)
    {
        var r = Launch(leader.Point, leader.Hyperparameters, TrialKind.Retest, leader.Number, leader.Rounds.Count, step, split);
        if (!_retestsOf.TryGetValue(leader.Number, out var list)) _retestsOf[leader.Number] = list = [];
        list.Add(r.Number);
    }

    private bool RetestStarted()
    {
        _retesting = true;
        _retestRequested = false;
        _completedSinceRetest = 0;
        _roundsSinceRetest = 0;
        return true;
    }

    private void DecideRetest(TrialRecord t, StepBuilder step)
    {
        var round = t.Rounds.Count;
        if (round >= t.TargetRounds)
        {
            Leave(t, TrialPhase.Stopped);
            t.Note = $"re-test of trial {t.Launch.RetestOf} done";
            Decide(t, round, new Decision.Stop(t.Note), step);
        }
        else
        {
            Decide(t, round, Decision.Continuing, step);
        }
    }

    // Before the study ends the top of the ranking is re-tested, within the reserve the search left for it
    // (FinalRetestRuns), so the configuration the study reports did not win by one lucky run. A leader already
    // re-tested (by a periodic re-test) is an honest answer as it is, and a reserve the final re-test cannot use
    // goes back to the search rather than unspent.
    private void FinalRetestOrFinish(StepBuilder step)
    {
        var top = Leader;
        if (Spec.Retest.Enabled && top is { Runs: 1 } && StartFinalRetest(step))
        {
            _finalRetestStarted = true;
            return;
        }
        if (FinalRetestRuns > 0 && !_noMoreLaunches)
        {
            _reserveReleased = true;
            LaunchNext(step);
            return;
        }
        Finish(BudgetReason());
    }

    // Once the final re-test has run, the study's answer is one of the configurations it re-tested: any other was
    // ranked below them by its one run when they were chosen, and that run flatters it as theirs flattered them
    // before their fresh runs showed by how much (the winner's curse), which its σ/√1 penalty alone does not undo.
    private bool FinalRetested => _finalRetestStarted && !_retesting;

    // Breadth first: each of the best `leaders` gets one fresh run, then a second, up to `repeats` each, while the
    // budget and the re-test share pay. The final choice is between the leaders, and a leader's mean over two runs
    // is only fairly compared with its rivals' if they have had a fresh run too, not with their one flattering score.
    private bool StartFinalRetest(StepBuilder step)
    {
        var leaders = Leaders(Spec.Retest.Leaders).Select(r => _trials[r.Trial]).ToList();
        var started = false;
        for (var pass = 0; pass < Spec.Retest.Repeats; pass++)
        {
            foreach (var l in leaders)
            {
                var runs = _retestsOf.GetValueOrDefault(l.Number)?.Count ?? 0;
                if (runs > pass || !RetestFits(1, l.Rounds.Count)) continue;
                LaunchRetest(l, step, FinalSplit(runs));
                started = true;
            }
        }
        return started && RetestStarted();
    }

    // The leaders' k-th fresh runs share one fresh split: compared on the same data, a split that happens to be easy
    // or hard lifts or sinks them all alike instead of deciding between them.
    private int FinalSplit(int run) => (int)(new Rng(((ulong)Spec.Seed << 32) ^ (ulong)run ^ 0xF1A1_0000_0000UL).NextUInt64() >> 33);
}
