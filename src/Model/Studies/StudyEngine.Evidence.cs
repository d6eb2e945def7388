using Orleans.Tuning.Model.Scheduling;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Studies;

// What the history says: coarse to fine's evidence of where to look next, and the leaderboard.
public sealed partial class StudyEngine
{
    private void EndGeneration()
    {
        var scored = _generationTrials.Any(t => t.Rounds.Count > 0);
        _generationTrials.Clear();
        if (!scored) return;
        // Only a sampler that draws from the region has one that narrows; a grid and a model sampler keep the whole space.
        if (_sampler is not (GridSampler or IModelSampler)) _regions.Add(CoarseToFine.NextRegion(_regions[^1], _evidence, Zoom));
        Generation++;
    }

    // A search trial's latest score or its point changed. The whole history is coarse to fine's evidence (with the
    // dimensions that acted on each trial) and the leaderboard's; both follow each change rather than re-reading it all.
    private void Rescore(TrialRecord t)
    {
        if (t.Kind != TrialKind.Search) return;
        var score = t.Rounds.Count > 0 ? t.LastScore : double.NaN;
        _leaderboard.Set(t.Number, score);
        _evidence.Set(t.Number, t.Point, score, ActiveDimensions(t));
    }

    /// <summary>With two objectives, the search trials no other beats on both, cheapest first; empty with one objective.</summary>
    public IReadOnlyList<Analysis.TwoObjectivePoint> ParetoFront() =>
        Spec.Objective.HasCost
            ? Analysis.ParetoFront.Of(_trials.Where(t => t.Kind == TrialKind.Search && t.Rounds.Count > 0)
                .Select(t => new Analysis.TwoObjectivePoint(t.Number, t.LastScore, CostOf(t))))
            : [];

    // A trial's cost as its last round measured it.
    private double CostOf(TrialRecord t) =>
        t.Rounds.Count > 0 ? Spec.Objective.CostOf(t.Rounds[^1].Report, Spec.Budget.EpochsPerRound) : double.NaN;

    private bool[] ActiveDimensions(TrialRecord t)
    {
        ParameterValue ValueOf(Hyperparameter h) =>
            t.Hyperparameters.Entries.FirstOrDefault(e => e.Key == h.Name) is { Key: not null } e ? e.Value
            : Spec.Fixed.TryGetValue(h.Name, out var v) ? v : h.Default;
        return [.. Spec.Space.Dimensions.Select(d => Hyperparameters.IsActive(d.Name, ValueOf))];
    }
}
