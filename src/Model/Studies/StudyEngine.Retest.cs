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
                .Select(t => new TrialRuns(t.Number, t.LastScore, RetestScores(t.Number)))]));
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
        return [.. Retest.Rank([.. retested, .. once]).Where(r => double.IsFinite(r.Mean)).Take(count)];
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
            for (var k = 0; k < Spec.Retest.Repeats; k++)
            {
                var r = Launch(l.Point, l.Hyperparameters, TrialKind.Retest, leader, l.Rounds.Count, step);
                if (!_retestsOf.TryGetValue(leader, out var list)) _retestsOf[leader] = list = [];
                list.Add(r.Number);
            }
        }
        if (!started) return false;
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

    // Before the study ends its leaders are re-tested, so the best it reports did not win by luck;
    // if a leader falls, the new leader is re-tested in turn (a few times at most).
    private void FinalRetestOrFinish(StepBuilder step)
    {
        var top = Leader;
        var needsRetest = Spec.Retest.Enabled && top is not null && top.Runs == 1 && _finalRetests < MaxFinalRetests;
        if (needsRetest)
        {
            _finalRetests++;
            if (StartRetest(step)) return;
        }
        Finish(BudgetReason());
    }
}
