using System.Globalization;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Watching;

/// <summary>The few numbers of a status as short text, shared by the live table and the CI progress lines so both read the same.</summary>
internal static class StatusText
{
    public static string Used(int used, int? budget) => budget is { } b ? $"{used}/{b}" : used.ToString(CultureInfo.InvariantCulture);

    public static string Time(StudyStatus s) =>
        s.WallTime is { } wall ? $"{Clock(s.Elapsed)}/{Clock(wall)}" : Clock(s.Elapsed);

    public static string Best(StudyStatus s) =>
        s.Best is { } b ? $"{b.Metric} {Number(b.Score)} (trial {b.Trial})" : "none yet";

    public static string Number(double? x) => x is { } v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    public static string Clock(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);

    public static bool IsRunning(this StudyStatus s) => s.Phase is StudyPhase.NotStarted or StudyPhase.Running;
}
