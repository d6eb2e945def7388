using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.Analysis;
using Orleans.Tuning.Model.Specs;
using ScottPlot;

namespace Orleans.Tuning.Client.Reports;

/// <summary>Which hyperparameters mattered, by PED-ANOVA (<see cref="PedAnova"/>), as bars, most important first.</summary>
internal static class ImportanceChart
{
    public const string FileName = "importance.png";

    public sealed record Data(IReadOnlyList<string> Dimensions, IReadOnlyList<double> Importance, int Trials);

    public static Data Prepare(StudyResults results)
    {
        var space = results.Status.Space;
        var dimensions = space.Select(SearchDimensions.ToDimension).ToList();
        var trials = SearchTrials.Of(results)
            .Where(t => double.IsFinite(t.Score) && dimensions.All(d => t.Hyperparameters.Entries.Any(e => e.Key == d.Name)))
            .ToList();
        var points = trials.Select(t => dimensions.Select(d => d.Scale.ToUnit(t.Hyperparameters[d.Name])).ToArray()).ToList();
        var levels = space.Select(d => SearchDimensions.KindOf(d) == ScaleKind.Categorical ? d.Choices.Count : 0).ToList();
        var importance = PedAnova.Importance(points, [.. trials.Select(t => t.Score)], levels);
        var ranked = space.Select((d, i) => (d.Name, Value: importance[i])).OrderByDescending(x => x.Value).ToList();
        return new Data([.. ranked.Select(r => r.Name)], [.. ranked.Select(r => r.Value)], trials.Count);
    }

    public static Plot Draw(Data data)
    {
        var plot = PlotFile.New($"Hyperparameter importance (PED-ANOVA, {data.Trials} trials)", "", "share of importance");
        var positions = Enumerable.Range(0, data.Dimensions.Count).Select(i => (double)i).ToArray();
        var bars = plot.Add.Bars(positions, data.Importance.ToArray());
        bars.Color = Colors.SteelBlue;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, [.. data.Dimensions]);
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}
