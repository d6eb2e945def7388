using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Reports;

/// <summary>Writes a study's plots as PNG files; a plot with nothing to show is not written.</summary>
internal static class StudyPlots
{
    /// <summary>A plot's file name, its title for the report, and its image.</summary>
    public sealed record Rendered(string FileName, string Title, byte[] Png);

    public static IReadOnlyList<Rendered> Render(StudyResults results)
    {
        var plots = new List<Rendered>();
        var history = OptimisationHistory.Prepare(results);
        if (history.Values.Length == 0)
            return plots; // no trial learned anything: there is nothing to draw
        plots.Add(new(OptimisationHistory.FileName, "Optimisation history", PlotFile.Png(OptimisationHistory.Draw(history))));
        plots.Add(new(LearningCurves.FileName, "Learning curves", PlotFile.Png(LearningCurves.Draw(LearningCurves.Prepare(results)))));
        foreach (var dimension in results.Status.Space)
        {
            var scatter = HyperparameterScatter.Prepare(results, dimension);
            plots.Add(new(HyperparameterScatter.FileName(dimension.Name), $"{dimension.Name} against the metric", PlotFile.Png(HyperparameterScatter.Draw(scatter))));
        }
        if (results.Status.Space.Count > 0)
        {
            plots.Add(new(ParallelCoordinates.FileName, "Parallel coordinates", PlotFile.Png(ParallelCoordinates.Draw(ParallelCoordinates.Prepare(results)))));
            plots.Add(new(ImportanceChart.FileName, "Hyperparameter importance", PlotFile.Png(ImportanceChart.Draw(ImportanceChart.Prepare(results)))));
        }
        return plots;
    }

    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<Rendered> plots)
    {
        var paths = new List<string>();
        foreach (var plot in plots)
        {
            var path = Path.Combine(folder, plot.FileName);
            Results.AtomicFile.Write(path, stream => stream.Write(plot.Png));
            paths.Add(path);
        }
        return paths;
    }
}
