using Orleans.Tuning.Client.Results;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Reports;

/// <summary>What a study leaves to look at beside its data files: the plots as PNG files, and report.html with the same plots inline.</summary>
internal static class StudyReport
{
    /// <returns>The paths written.</returns>
    /// <param name="step">Told what is being made, for a spinner.</param>
    public static IReadOnlyList<string> Write(string folder, StudyResults results, Action<string> step)
    {
        var plots = StudyPlots.Render(results, step);
        step(ReportHtml.FileName);
        var report = Path.Combine(folder, ReportHtml.FileName);
        AtomicFile.Write(report, stream => ReportHtml.Write(stream, results, plots));
        return [.. StudyPlots.Write(folder, plots), report];
    }
}
