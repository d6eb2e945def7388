using Orleans.Tuning.Grains.Studies;
using ScottPlot;

namespace Orleans.Tuning.Client.Reports;

/// <summary>Writes a study's plots as PNG files; a plot with nothing to show is not written.</summary>
internal static class StudyPlots
{
    /// <summary>A plot's file name, its title for the report, and its image.</summary>
    public sealed record Rendered(string FileName, string Title, byte[] Png);

    public static IReadOnlyList<Rendered> Render(StudyResults results) => Render(results, _ => { });

    /// <param name="step">Told each plot's file name before it is drawn.</param>
    public static IReadOnlyList<Rendered> Render(StudyResults results, Action<string> step)
    {
        var plots = new List<Rendered>();
        void Add(string fileName, string title, Func<Plot> draw)
        {
            step(fileName);
            plots.Add(new(fileName, title, PlotFile.Png(draw())));
        }

        var history = OptimisationHistory.Prepare(results);
        if (history.Values.Length == 0)
            return plots; // no trial learned anything: there is nothing to draw
        Add(OptimisationHistory.FileName, "Optimisation history", () => OptimisationHistory.Draw(history));
        Add(LearningCurves.FileName, "Learning curves", () => LearningCurves.Draw(LearningCurves.Prepare(results)));
        foreach (var dimension in results.Status.Space)
        {
            Add(HyperparameterScatter.FileName(dimension.Name), $"{dimension.Name} against the metric",
                () => HyperparameterScatter.Draw(HyperparameterScatter.Prepare(results, dimension)));
        }
        // Both need every searched dimension's scale, which a status from before the study started lacks.
        if (results.Status.Space.Count > 0)
        {
            Add(ParallelCoordinates.FileName, "Parallel coordinates", () => ParallelCoordinates.Draw(ParallelCoordinates.Prepare(results)));
            Add(ImportanceChart.FileName, "Hyperparameter importance", () => ImportanceChart.Draw(ImportanceChart.Prepare(results)));
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
