namespace Orleans.Tuning.Model.Specs;

/// <summary>Suggests the known name closest to a misspelt one, for "unknown key (did you mean trials?)".</summary>
internal static class DidYouMean
{
    /// <summary>" (did you mean x?)" when one name is within a few edits, else " (expected one of a, b, c)".</summary>
    public static string Hint(string given, IEnumerable<string> known)
    {
        var names = known.ToArray();
        var best = names.MinBy(n => Distance(given, n));
        return best is not null && Distance(given, best) <= Math.Max(2, best.Length / 3)
            ? $" (did you mean {best}?)"
            : $" (expected one of {string.Join(", ", names)})";
    }

    // Optimal string alignment: a swap of neighbours ("trails" for "trials") counts as one edit.
    private static int Distance(string a, string b)
    {
        a = a.ToLowerInvariant();
        b = b.ToLowerInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
