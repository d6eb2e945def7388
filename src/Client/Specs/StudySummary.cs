using System.Globalization;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Client.Specs;

/// <summary>One paragraph that says what a spec will do, so a person can check it before spending the budget.</summary>
internal static class StudySummary
{
    public static string Describe(StudySpec spec)
    {
        var dimensions = string.Join(", ", spec.Space.Dimensions.Select(d => $"{d.Name} {Describe(d.Scale)}"));
        var @fixed = spec.Fixed.Count == 0
            ? ""
            : $" Fixed: {string.Join(", ", spec.Fixed.Select(f => $"{f.Key}={f.Value}"))}.";
        var retest = spec.Retest.Enabled
            ? $" Re-tests the top {spec.Retest.Leaders} trial(s) {spec.Retest.Repeats} more time(s) each with fresh seeds and splits, within {Fmt(100 * spec.Retest.MaxShare)} % of the budget."
            : " No re-tests.";
        var test = spec.Data.TestPath is { } testPath ? $"tested on {Path.GetFileName(testPath)}"
            : spec.Data.TestFraction > 0 ? $"{Fmt(spec.Data.TestFraction)} held out for test" : "no test part";
        var on = spec.Data.Synthetic is { } synthetic
            ? $"on the synthetic objective {synthetic} (one evaluation a trial)"
            : $"on {Path.GetFileName(spec.Data.Path)} ({Fmt(spec.Data.ValidationFraction)} for validation, {test})";
        return $"Study '{spec.Name}' {on}: " +
               $"{Strategy(spec.Strategy)}, {spec.Sampler.Name} sampler, " +
               $"generations of {spec.GenerationSize}, maximizing {Objective(spec.Objective)}. " +
               $"Searches {spec.Space.Count} dimension{(spec.Space.Count == 1 ? "" : "s")}: {dimensions}.{@fixed} " +
               $"Budget: {Budget(spec.Budget)}; {spec.Budget.EpochsPerRound} epoch(s) per round, at most {spec.Budget.MaxEpochsPerTrial} per trial. " +
               $"Stopping: {spec.Stopping.Kind.ToString().ToLowerInvariant()}.{retest}{WarmStart(spec.WarmStart)} Seed {spec.Seed}.";
    }

    private static string WarmStart(WarmStartSpec? w) => w switch
    {
        null => "",
        { Study: { } id } => $" Warm start: the trials of study {id}, read from the cluster when submitted.",
        _ => $" Warm start: the sampler first learns from {w.Trials.Count} earlier trial(s) of {w.Source}" +
             (w.Dropped > 0 ? $" ({w.Dropped} dropped: outside this space, or no score)." : "."),
    };

    private static string Strategy(StudyStrategy strategy) => strategy switch
    {
        StudyStrategy.Panda => "panda (one model babysat at a time)",
        StudyStrategy.Caviar => "caviar (a population in parallel)",
        _ => "auto (caviar, a population screened by successive halving: the league table's winner)",
    };

    private static string Objective(ObjectiveSpec objective)
    {
        var metric = objective.Metric == ObjectiveMetric.Accuracy ? "validation accuracy" : "minus validation loss";
        return objective.Cost switch
        {
            CostKind.SecondsPerEpoch => $"{metric} while minimizing training seconds per epoch (reports the Pareto front)",
            CostKind.F2 => $"{metric} while minimizing the function's second value f2 (reports the Pareto front)",
            _ => metric,
        };
    }

    private static string Budget(BudgetSpec budget)
    {
        var limits = new List<string>();
        if (budget.Trials is { } trials) limits.Add($"{trials} trials");
        if (budget.TotalEpochs is { } epochs) limits.Add($"{epochs} epochs in total");
        if (budget.WallTime is { } wall) limits.Add($"{wall:g} wall time");
        return limits.Count == 1 ? limits[0] : $"whichever comes first of {string.Join(", ", limits)}";
    }

    private static string Describe(Scale scale) => scale switch
    {
        LinearScale s => $"linear [{Fmt(s.Min)}, {Fmt(s.Max)}]",
        LogScale s => $"log [{Fmt(s.Min)}, {Fmt(s.Max)}]",
        OneMinusLogScale s => $"one-minus-log [{Fmt(s.Min)}, {Fmt(s.Max)}]",
        IntLogScale s => $"int-log [{s.Min}, {s.Max}]",
        IntScale s => $"int [{s.Min}, {s.Max}]",
        CategoricalScale s => $"categorical {{{string.Join(", ", s.Choices)}}}",
        _ => scale.GetType().Name,
    };

    private static string Fmt(double x) => x.ToString(CultureInfo.InvariantCulture);
}
