using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using ScottPlot;

namespace Orleans.Tuning.Client.Reports;

/// <summary>Every trial as a line across the searched dimensions and the metric, coloured by the metric: where do the good trials pass?</summary>
/// <remarks>Each axis is the dimension's unit interval u, so a log dimension spreads its decades evenly, as the sampler does.</remarks>
internal static class ParallelCoordinates
{
    public const string FileName = "parallel-coordinates.png";

    /// <param name="Positions">Per axis, the u of the trial (the metric axis last, scaled from worst 0 to best 1).</param>
    /// <param name="Quality">0 for the worst trial, 1 for the best: the line's colour.</param>
    public sealed record Line(int Trial, double[] Positions, double Quality);

    /// <param name="Low">Per axis, the value at its bottom; <paramref name="High"/> at its top.</param>
    public sealed record Data(IReadOnlyList<string> Axes, IReadOnlyList<string> Low, IReadOnlyList<string> High, IReadOnlyList<Line> Lines);

    public static Data Prepare(StudyResults results)
    {
        var objective = Objective.Of(results);
        var space = results.Status.Space;
        var dimensions = space.Select(SearchDimensions.ToDimension).ToList();
        var trials = SearchTrials.Of(results)
            .Where(t => double.IsFinite(t.Score) && dimensions.All(d => t.Hyperparameters.Entries.Any(e => e.Key == d.Name)))
            .ToList();
        var worst = trials.Count > 0 ? trials.Min(t => t.Score) : 0;
        var bestScore = trials.Count > 0 ? trials.Max(t => t.Score) : 1;
        double Quality(double score) => bestScore > worst ? (score - worst) / (bestScore - worst) : 1;

        var lines = trials
            .Select(t => new Line(t.Trial,
                [.. dimensions.Select(d => d.Scale.ToUnit(t.Hyperparameters[d.Name])), Quality(t.Score)],
                Quality(t.Score)))
            .ToList();
        var kinds = space.Select(SearchDimensions.KindOf).ToList();
        // The metric's axis runs from the worst trial at the bottom to the best at the top, whichever way the metric points.
        return new Data(
            [.. space.Select(d => d.Name), objective.Label],
            [.. dimensions.Select((d, i) => ScaledText.Format(d.Scale.ToValue(0), kinds[i])), ScaledText.Format(objective.FromScore(worst), null)],
            [.. dimensions.Select((d, i) => ScaledText.Format(d.Scale.ToValue(1), kinds[i])), ScaledText.Format(objective.FromScore(bestScore), null)],
            lines);
    }

    public static Plot Draw(Data data)
    {
        var plot = PlotFile.New("Parallel coordinates (colour: metric, yellow is best)", "", "");
        var colormap = new ScottPlot.Colormaps.Viridis();
        var xs = Enumerable.Range(0, data.Axes.Count).Select(i => (double)i).ToArray();
        // Best last, so the good trials are drawn on top.
        foreach (var line in data.Lines.OrderBy(l => l.Quality))
        {
            var s = plot.Add.ScatterLine(xs, line.Positions, colormap.GetColor(line.Quality).WithAlpha(0.8));
            s.LineWidth = 1.5f;
        }
        for (var i = 0; i < data.Axes.Count; i++)
        {
            plot.Add.VerticalLine(i, 1, Colors.Gray);
            var low = plot.Add.Text(data.Low[i], i, -0.04);
            low.LabelAlignment = Alignment.UpperCenter;
            var high = plot.Add.Text(data.High[i], i, 1.04);
            high.LabelAlignment = Alignment.LowerCenter;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(xs, [.. data.Axes]);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.EmptyTickGenerator();
        plot.Axes.SetLimits(-0.3, data.Axes.Count - 0.7, -0.15, 1.15);
        return plot;
    }
}
