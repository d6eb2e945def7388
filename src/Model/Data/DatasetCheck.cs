namespace Orleans.Tuning.Model.Data;

/// <summary>What only a whole dataset and its split can tell: the problems that would let a study run and learn nothing.</summary>
/// <remarks>
/// Each check returns every problem it finds rather than throwing at the first, so a user fixes the
/// data once. The loaders have already refused what a line can show (a non-numeric cell, a ragged row).
/// </remarks>
public static class DatasetCheck
{
    /// <summary>Problems of the dataset as a whole: labels that are not exactly 0..k−1, a single class, non-finite cells.</summary>
    public static IReadOnlyList<string> Whole(Dataset data, string name)
    {
        var problems = new List<string>();
        var counts = new int[data.ClassCount];
        foreach (var label in data.Labels) counts[label]++;
        var missing = Enumerable.Range(0, counts.Length).Where(c => counts[c] == 0).ToArray();
        var present = counts.Length - missing.Length;

        if (present < 2)
            problems.Add($"{name}: every row has label {data.Labels.FirstOrDefault()}; a classifier needs at least two classes");
        else if (missing.Length > 0)
            problems.Add($"{name}: labels must be exactly 0..k−1, but {Ranges(missing)} {(missing.Length == 1 ? "has" : "have")} no rows " +
                         $"(found {present} classes up to label {counts.Length - 1}); renumber the classes 0..{present - 1}");

        // The CSV loader refuses these cell by cell; this covers any other source (IDX is bytes and cannot hold them).
        var firstBad = Array.FindIndex(data.Features, x => !float.IsFinite(x));
        if (firstBad >= 0)
            problems.Add($"{name}: row {firstBad / data.FeatureCount + 1}, feature {firstBad % data.FeatureCount + 1} is {data.Features[firstBad].ToString(System.Globalization.CultureInfo.InvariantCulture)}; every feature must be a finite number");
        return problems;
    }

    /// <summary>Problems of a split: a part with no rows, or a class the training part never sees.</summary>
    public static IReadOnlyList<string> Split(Dataset train, Dataset validation, double validationFraction, string name)
    {
        var problems = new List<string>();
        var rows = train.Count + validation.Count;
        if (validation.Count == 0)
            problems.Add($"{name}: {rows} rows are too few for validation_fraction {validationFraction:0.###}: the validation part has no rows " +
                         "(a class needs at least two rows to appear in both parts)");
        var seen = new bool[train.ClassCount];
        foreach (var label in train.Labels) seen[label] = true;
        var unseen = Enumerable.Range(0, seen.Length).Where(c => !seen[c]).ToArray();
        if (unseen.Length > 0)
            problems.Add($"{name}: the training part has no rows of class {Ranges(unseen)}; the network could never learn {(unseen.Length == 1 ? "it" : "them")}");
        return problems;
    }

    // "1, 3..6, 9": a gap of a thousand labels must not become a thousand numbers.
    private static string Ranges(int[] sorted)
    {
        var parts = new List<string>();
        for (var i = 0; i < sorted.Length;)
        {
            var j = i;
            while (j + 1 < sorted.Length && sorted[j + 1] == sorted[j] + 1) j++;
            parts.Add(j == i ? $"{sorted[i]}" : j == i + 1 ? $"{sorted[i]}, {sorted[j]}" : $"{sorted[i]}..{sorted[j]}");
            i = j + 1;
        }
        var text = parts.Count <= 8 ? string.Join(", ", parts) : string.Join(", ", parts.Take(8)) + ", …";
        return (sorted.Length == 1 ? "label " : "labels ") + text;
    }
}
