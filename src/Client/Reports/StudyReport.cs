using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Reports;

/// <summary>What a study leaves to look at beside its data files: the plots as PNG files.</summary>
internal static class StudyReport
{
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string folder, StudyResults results) =>
        StudyPlots.Write(folder, StudyPlots.Render(results));
}
