using System.Globalization;

namespace Orleans.Tuning.Client;

/// <summary>Study ids: the spec's name and when it started, so ids sort by time and a folder name says what it holds.</summary>
internal static class StudyIds
{
    // Milliseconds, because two runs of one spec can start within the same second (tests, scripts).
    public static string New(string specName, DateTime utcNow) =>
        $"{specName}-{utcNow.ToString("yyyyMMdd'T'HHmmss'.'fff'Z'", CultureInfo.InvariantCulture)}";
}
