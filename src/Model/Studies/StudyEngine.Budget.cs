namespace Orleans.Tuning.Model.Studies;

// Budgets are caps on everything the study trains, re-tests included. A round starts only if the
// epochs spent, plus those promised to rounds in flight, leave room for it; a re-test is promised
// all its rounds when it starts, so it can always finish.
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

    /// <summary>How many more rounds the epoch budget pays for.</summary>
    private int RoundsAffordable => Spec.Budget.TotalEpochs is { } total
        ? Math.Max(0, total - EpochsCommitted) / EpochsPerRound
        : int.MaxValue;

    private bool EpochBudgetSpent => RoundsAffordable < 1;

    /// <summary>Trials the trial budget still allows, search and re-test alike.</summary>
    private int TrialsLeft => Spec.Budget.Trials is { } trials ? Math.Max(0, trials - _trials.Count) : int.MaxValue;

    /// <summary>The epochs re-tests may take in all: max_share of the epoch budget (or of the trial budget's epochs);
    /// with only a wall-time budget, max_share of everything trained so far.</summary>
    private double RetestEpochCap
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

    /// <summary>A budget check shared by both strategies before another round: the reason to stop, or null.</summary>
    private string? BudgetStop(TrialRecord t)
    {
        if (t.Rounds.Count >= t.TargetRounds) return "reached max_epochs_per_trial";
        if (EpochBudgetSpent) return "epoch budget spent";
        return null;
    }

    private string BudgetReason() =>
        EpochBudgetSpent ? "epoch budget spent"
        : TrialsLeft <= 0 ? "trial budget spent"
        : "search space exhausted";
}
