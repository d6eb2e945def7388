namespace Orleans.Tuning.Model.Studies;

// Budgets are caps on everything the study trains, re-tests included. A round starts only if the
// epochs spent, plus those promised to rounds in flight, leave room for it; a re-test is promised
// all its rounds when it starts, so it can always finish. The search stops short of the cap by the
// final re-test's reserve, so the leaders are re-tested within the budget rather than never.
public sealed partial class StudyEngine
{
    private int EpochsPerRound => Spec.Budget.EpochsPerRound;

    /// <summary>Epochs spent by re-tests, and promised to those still running.</summary>
    /// <remarks>Summed over the re-tests only: every status asks, and a scan of all trials would grow with the study.</remarks>
    public int RetestEpochs => _retestsOf.Values.Sum(retests => retests.Sum(n => _trials[n].Rounds.Count * EpochsPerRound + Promised(_trials[n])));

    /// <summary>The share of the study's epochs re-tests may take (retest.max_share).</summary>
    public double RetestShareCap => Spec.Retest.MaxShare;

    /// <summary>Epochs spent plus those promised to rounds in flight.</summary>
    public int EpochsCommitted => EpochsUsed + _active.Sum(n => Promised(_trials[n]));

    private int Promised(TrialRecord t) =>
        !t.IsActive ? 0
        : t.Kind == TrialKind.Retest ? Math.Max(0, t.TargetRounds - t.Rounds.Count) * EpochsPerRound
        : t.Phase == TrialPhase.Running ? EpochsPerRound : 0;

    /// <summary>How many more rounds the epoch budget pays for, re-tests included.</summary>
    private int RoundsAffordable => Spec.Budget.TotalEpochs is { } total
        ? Math.Max(0, total - EpochsCommitted) / EpochsPerRound
        : int.MaxValue;

    /// <summary>How many more rounds the search may train: the epoch budget less the final re-test's reserve.</summary>
    private int SearchRoundsAffordable => Spec.Budget.TotalEpochs is { } total
        ? Math.Max(0, total - FinalRetestRuns * MaxRounds * EpochsPerRound - EpochsCommitted) / EpochsPerRound
        : int.MaxValue;

    private bool SearchBudgetSpent => SearchRoundsAffordable < 1;

    /// <summary>Trials the trial budget still allows, search and re-test alike.</summary>
    private int TrialsLeft => Spec.Budget.Trials is { } trials ? Math.Max(0, trials - _trials.Count) : int.MaxValue;

    /// <summary>Trials the search may still start: the trial budget less the final re-test's reserve.</summary>
    private int SearchTrialsLeft => Spec.Budget.Trials is { } trials ? Math.Max(0, trials - FinalRetestRuns - _trials.Count) : int.MaxValue;

    /// <summary>
    /// Full-length runs held back for the final re-test until it starts: as many as what is left of the re-test
    /// share pays for, at most leaders × repeats. Without an epoch or trial budget the end is a deadline or a
    /// cancellation, nothing can be held back for it, and there is no final re-test.
    /// </summary>
    /// <remarks>
    /// Without a reserve the search spends the whole budget and the final re-test never fits, so the study
    /// reports the configuration whose one run scored highest out of many: the more configurations a strategy
    /// screens, the more that score flatters it (the winner's curse), which a fresh run on a fresh split corrects.
    /// </remarks>
    private int FinalRetestRuns
    {
        get
        {
            if (!Spec.Retest.Enabled || _finalRetestStarted || _reserveReleased || (Spec.Budget.TotalEpochs is null && Spec.Budget.Trials is null)) return 0;
            var runs = (int)Math.Floor((RetestEpochCap - RetestEpochs + 1e-9) / (MaxRounds * EpochsPerRound));
            // One fresh run of the top leader alone could only swap it for the runner-up on the strength of that one's
            // equally flattering score: a choice needs a fresh run of two leaders (unless the spec re-tests just one).
            return runs < Math.Min(2, Spec.Retest.Leaders) ? 0 : Math.Min(runs, Spec.Retest.Leaders * Spec.Retest.Repeats);
        }
    }

    /// <summary>The epochs re-tests may take in all: max_share of the epoch budget (or of the epochs the trial budget pays
    /// for, trials × max_epochs_per_trial); with only a wall-time budget, max_share of everything trained so far.</summary>
    public double RetestEpochCap
    {
        get
        {
            var share = Spec.Retest.MaxShare;
            if (Spec.Budget.TotalEpochs is { } total) return share * total;
            if (Spec.Budget.Trials is { } trials) return share * trials * Spec.Budget.MaxEpochsPerTrial;
            var search = EpochsUsed - RetestEpochs;
            return share < 1 ? share / (1 - share) * search : double.PositiveInfinity;
        }
    }

    /// <summary>Whether a re-test of <paramref name="trials"/> trials of <paramref name="rounds"/> rounds each fits every budget.</summary>
    private bool RetestFits(int trials, int rounds)
    {
        var epochs = trials * rounds * EpochsPerRound;
        return TrialsLeft >= trials
            && (long)RoundsAffordable * EpochsPerRound >= epochs
            && RetestEpochs + epochs <= RetestEpochCap + 1e-9;
    }

    /// <summary>A budget check shared by both strategies before a search trial's next round: the reason to stop, or null.</summary>
    private string? BudgetStop(TrialRecord t)
    {
        if (t.Rounds.Count >= t.TargetRounds) return "reached max_epochs_per_trial";
        if (SearchBudgetSpent) return "epoch budget spent";
        return null;
    }

    private string BudgetReason() =>
        SearchBudgetSpent ? "epoch budget spent"
        : SearchTrialsLeft <= 0 ? "trial budget spent"
        : "search space exhausted";
}
