using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Display.StudyPage;

/// <summary>What the study page shows of a study, as JSON: where it stands and each trial's curve.</summary>
/// <remarks>Numbers that are not finite (a diverged round) travel as null: JSON has no NaN.</remarks>
public sealed record StudyPageModel(
    string Id, string Name, string Phase, string Strategy, string Metric, int TrialsLaunched, int? TrialBudget,
    int EpochsUsed, int? EpochBudget, int? BestTrial, IReadOnlyList<StudyPageModel.Trial> Trials)
{
    public sealed record Trial(int Number, string Kind, string Hyperparameters, int Rounds, double? Value, string Decision,
        IReadOnlyList<double> Epochs, IReadOnlyList<double?> Values);

    public static StudyPageModel From(StudyResults results)
    {
        var s = results.Status;
        var objective = Objective.Of(results);
        var trials = results.Rows.Where(r => r.Round > 0).GroupBy(r => r.Trial).OrderBy(g => g.Key).Select(g =>
        {
            var last = g.Last();
            return new Trial(g.Key, last.Kind, ScaledText.Format(last.Hyperparameters, s.Space), last.Round, Finite(objective.Of(last)),
                last.Decision, [.. g.Select(r => (double)r.Epochs)], [.. g.Select(r => Finite(objective.Of(r)))]);
        }).ToList();
        return new StudyPageModel(s.Id, s.Name, s.Phase.ToString().ToLowerInvariant(), s.Strategy.ToLowerInvariant(), objective.Label,
            s.TrialsLaunched, s.TrialBudget, s.EpochsUsed, s.EpochBudget, s.Best?.Trial, trials);
    }

    private static double? Finite(double x) => double.IsFinite(x) ? x : null;
}
