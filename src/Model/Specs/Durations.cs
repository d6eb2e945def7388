using System.Globalization;
using System.Text.RegularExpressions;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Wall-clock durations as people write them: <c>90s</c>, <c>10m</c>, <c>1h30m</c>, <c>1.5h</c>; whole seconds.</summary>
internal static partial class Durations
{
    public static TimeSpan? Parse(string text)
    {
        var match = Pattern().Match(text);
        if (!match.Success)
            return null;
        var seconds = 0.0;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            seconds += n * match.Groups["unit"].Captures[i].Value switch { "h" => 3600, "m" => 60, _ => 1 };
        }
        return TimeSpan.FromSeconds(Math.Round(seconds));
    }

    public static string Format(TimeSpan duration) => $"{(long)duration.TotalSeconds}s";

    [GeneratedRegex(@"^\s*(?:(?<n>\d+(?:\.\d+)?)\s*(?<unit>[hms])\s*)+$")]
    private static partial Regex Pattern();
}
