using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using ScottPlot;

namespace Orleans.Tuning.Client.Reports;

/// <summary>Each search trial's final metric in trial order, and the best so far: is the search still finding better configurations?</summary>
/// <remarks>Trials are numbered as they are launched; a panda's trials also finish in that order, a population's finish together.</remarks>
internal static class OptimisationHistory
{
    public const string FileName = "history.png";

    /// <param name="Trials">Trial numbers of the points; a trial that failed or diverged has no point but the best so far carries over it.</param>
    public sealed record Data(string Metric, double[] Trials, double[] Values, double[] BestTrials, double[] BestSoFar);

    public static Data Prepare(StudyResults results)
    {
        var objective = Objective.Of(results);
        var trials = SearchTrials.Of(results);
        var points = trials.Where(t => double.IsFinite(t.Score)).ToList();
        var best = double.NaN;
        var bestSoFar = new List<(double Trial, double Value)>();
        foreach (var t in points)
        {
            var value = objective.FromScore(t.Score);
            if (objective.Better(value, best))
                best = value;
            bestSoFar.Add((t.Trial, best));
        }
        return new Data(objective.Label,
            [.. points.Select(t => (double)t.Trial)], [.. points.Select(t => objective.FromScore(t.Score))],
            [.. bestSoFar.Select(b => b.Trial)], [.. bestSoFar.Select(b => b.Value)]);
    }

    public static Plot Draw(Data data)
    {
        var plot = PlotFile.New("Optimisation history", "trial", data.Metric);
        var trials = plot.Add.ScatterPoints(data.Trials, data.Values);
        trials.LegendText = "trial";
        trials.MarkerSize = 7;
        var best = plot.Add.ScatterLine(data.BestTrials, data.BestSoFar, Colors.OrangeRed);
        best.ConnectStyle = ConnectStyle.StepHorizontal;
        best.LineWidth = 2;
        best.LegendText = "best so far";
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
