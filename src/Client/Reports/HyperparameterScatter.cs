using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using ScottPlot;

namespace Orleans.Tuning.Client.Reports;

/// <summary>One hyperparameter against the final metric on the dimension's own scale, with each generation's coarse-to-fine region as a band.</summary>
internal static class HyperparameterScatter
{
    public static string FileName(string dimension) => $"hyperparameter-{dimension}.png";

    public sealed record Band(int Generation, double Lower, double Upper);

    /// <param name="Xs">Positions on the axis (log10 of the value on a log scale: see <see cref="AxisScale"/>).</param>
    public sealed record Data(string Dimension, AxisScale Scale, string Metric, double[] Xs, double[] Values, IReadOnlyList<Band> Bands);

    public static Data Prepare(StudyResults results, DimensionRow dimension)
    {
        var objective = Objective.Of(results);
        var scale = AxisScale.For(dimension);
        var trials = SearchTrials.Of(results)
            .Where(t => double.IsFinite(t.Score) && t.Hyperparameters.Entries.Any(e => e.Key == dimension.Name))
            .ToList();
        var bands = results.Regions
            .Select(r => (r.Generation, Index: IndexIn(r, dimension.Name), Row: r))
            .Where(r => r.Index >= 0)
            .Select(r => Widen(scale, new Band(r.Generation, scale.ToAxis(r.Row.Lower[r.Index]), scale.ToAxis(r.Row.Upper[r.Index]))))
            .ToList();
        return new Data(dimension.Name, scale, objective.Label,
            [.. trials.Select(t => scale.ToAxis(t.Hyperparameters[dimension.Name]))],
            [.. trials.Select(t => objective.FromScore(t.Score))],
            bands);
    }

    public static Plot Draw(Data data)
    {
        var plot = PlotFile.New($"{data.Dimension} against {data.Metric}", data.Scale.Title(data.Dimension), data.Metric);
        // Later generations sample narrower regions: their bands overlap the earlier ones and read darker.
        foreach (var band in data.Bands)
        {
            var span = plot.Add.HorizontalSpan(band.Lower, band.Upper, Colors.SteelBlue.WithAlpha(0.12));
            span.LegendText = band.Generation == 0 ? "region of each generation" : "";
        }
        var points = plot.Add.ScatterPoints(data.Xs, data.Values, Colors.Black);
        points.MarkerSize = 7;
        plot.Axes.Bottom.TickGenerator = data.Scale.Ticks();
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static int IndexIn(RegionRow region, string dimension)
    {
        for (var i = 0; i < region.Dimensions.Count; i++)
        {
            if (region.Dimensions[i] == dimension)
                return i;
        }
        return -1;
    }

    // A choice is a point on the axis; its band covers the half-way marks to its neighbours.
    private static Band Widen(AxisScale scale, Band band) =>
        scale.Kind == Model.Specs.ScaleKind.Categorical ? band with { Lower = band.Lower - 0.5, Upper = band.Upper + 0.5 } : band;
}
