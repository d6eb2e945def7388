using System.Globalization;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>A trial of an earlier study as its results record it: the last round's metrics and the hyperparameters as text.</summary>
/// <param name="Kind">"trial" for a search trial; re-tests ("retest of n") repeat a point and are not used.</param>
public sealed record EarlierTrial(int Trial, string Kind, double ValidationAccuracy, double ValidationLoss, string? Failure, IReadOnlyDictionary<string, string> Values);

/// <summary>Turns an earlier study's trials into a warm start for a new space: the pure rule, whatever the trials were read from.</summary>
/// <remarks>
/// The new space must be the earlier one or a subset of its dimensions: a dimension the earlier study did not search is an
/// error (its trials say nothing about it). A dimension the earlier study searched and this one does not is projected away:
/// this study fixes it, and the earlier scores are taken as they are. A trial with a value outside this space (a narrower
/// range, a choice no longer offered) or with no finite score is dropped and counted.
/// </remarks>
public static class EarlierTrials
{
    /// <summary>The warm start, or an error message naming the first dimension the earlier trials lack.</summary>
    public static (WarmStartSpec? WarmStart, string? Error) ToWarmStart(string source, IEnumerable<EarlierTrial> trials, SearchSpace space, ObjectiveSpec objective)
    {
        var searched = trials.Where(t => t.Kind == "trial").OrderBy(t => t.Trial).ToList();
        if (searched.Count == 0)
            return (null, $"{source} holds no search trials");
        var missing = space.Dimensions.FirstOrDefault(d => !searched.Any(t => t.Values.ContainsKey(d.Name)));
        if (missing is not null)
            return (null, $"the earlier study did not search {missing.Name} (it searched {string.Join(", ", searched.SelectMany(t => t.Values.Keys).Distinct())}); " +
                          "a warm start needs the same space or a subset of it");
        var kept = new List<PriorTrial>();
        foreach (var t in searched)
        {
            var score = t.Failure is null or "" ? objective.Score(t.ValidationAccuracy, t.ValidationLoss) : double.NaN;
            if (double.IsFinite(score) && Values(t, space) is { } values)
                kept.Add(new PriorTrial(values, score));
        }
        return (new WarmStartSpec(source, kept, searched.Count - kept.Count), null);
    }

    // The trial's values of the new dimensions, or null when one is missing or lies outside the new space.
    private static Configuration? Values(EarlierTrial t, SearchSpace space)
    {
        var values = new List<KeyValuePair<string, ParameterValue>>();
        foreach (var d in space.Dimensions)
        {
            if (!t.Values.TryGetValue(d.Name, out var text) || string.IsNullOrEmpty(text))
                return null;
            ParameterValue value;
            if (d.Scale is CategoricalScale)
                value = text;
            else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x))
                value = x;
            else
                return null;
            try
            {
                d.Scale.ToUnit(value);
            }
            catch (ArgumentException)
            {
                return null;
            }
            values.Add(KeyValuePair.Create(d.Name, value));
        }
        return new Configuration(values);
    }
}
