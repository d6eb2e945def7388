using System.Text.RegularExpressions;
using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using ScottPlot;

namespace Orleans.Tuning.Client.Reports;

/// <summary>Each trial's validation metric per round, with a population's exploits (who copied whom) and a panda's rollbacks marked.</summary>
internal static partial class LearningCurves
{
    public const string FileName = "learning-curves.png";

    public sealed record Curve(int Trial, bool Retest, double[] Epochs, double[] Values);

    /// <summary>At <paramref name="FromEpoch"/> the trial copied <paramref name="Source"/>: an arrow from the source's point to the trial's next one.</summary>
    public sealed record Exploit(int Trial, int Source, double FromEpoch, double FromValue, double ToEpoch, double ToValue);

    /// <summary>A round the panda threw away (it diverged): the trial went back to its checkpoint before it.</summary>
    public sealed record Rollback(int Trial, double Epoch, double Value);

    public sealed record Data(string Metric, IReadOnlyList<Curve> Curves, IReadOnlyList<Exploit> Exploits, IReadOnlyList<Rollback> Rollbacks);

    [GeneratedRegex(@"^exploit trial (\d+)")]
    private static partial Regex ExploitDecision();

    private const string RollbackDecision = "rollback";

    public static Data Prepare(StudyResults results)
    {
        var objective = Objective.Of(results);
        var byTrial = results.Rows.Where(r => r.Round > 0).GroupBy(r => r.Trial).ToDictionary(g => g.Key, g => g.ToList());
        var curves = new List<Curve>();
        var exploits = new List<Exploit>();
        var rollbacks = new List<Rollback>();
        foreach (var (trial, rows) in byTrial.OrderBy(kv => kv.Key))
        {
            // A rolled-back round is reported again: the curve goes through the round that was kept.
            var kept = rows.Where(r => !r.Decision.StartsWith(RollbackDecision, StringComparison.Ordinal)).ToList();
            curves.Add(new Curve(trial, rows[0].Kind != SearchTrials.SearchKind,
                [.. kept.Select(r => (double)r.Epochs)], [.. kept.Select(objective.Of)]));
            rollbacks.AddRange(rows.Where(r => r.Decision.StartsWith(RollbackDecision, StringComparison.Ordinal))
                .Select(r => new Rollback(trial, r.Epochs, objective.Of(r))));
            for (var i = 0; i < kept.Count; i++)
            {
                if (ExploitDecision().Match(kept[i].Decision) is not { Success: true } m)
                    continue;
                var source = int.Parse(m.Groups[1].Value);
                var from = byTrial.GetValueOrDefault(source)?.LastOrDefault(r => r.Round == kept[i].Round) ?? kept[i];
                var to = i + 1 < kept.Count ? kept[i + 1] : kept[i];
                exploits.Add(new Exploit(trial, source, from.Epochs, objective.Of(from), to.Epochs, objective.Of(to)));
            }
        }
        return new Data(objective.Label, curves, exploits, rollbacks);
    }

    public static Plot Draw(Data data)
    {
        var plot = PlotFile.New("Learning curves", "epoch", data.Metric);
        foreach (var c in data.Curves.Where(c => c.Epochs.Length > 0))
        {
            var line = plot.Add.Scatter(c.Epochs, c.Values, c.Retest ? Colors.Gray.WithAlpha(0.6) : null);
            line.MarkerSize = 3;
            line.LineWidth = c.Retest ? 1 : 1.5f;
            if (c.Retest)
                line.LinePattern = LinePattern.Dashed;
        }
        foreach (var e in data.Exploits)
        {
            // Thin: a population exploits often, and thick arrows would hide the curves they explain.
            var arrow = plot.Add.Arrow(e.FromEpoch, e.FromValue, e.ToEpoch, e.ToValue);
            arrow.ArrowFillColor = Colors.Black.WithAlpha(0.6);
            arrow.ArrowLineColor = Colors.Black.WithAlpha(0.6);
            arrow.ArrowWidth = 1.5f;
            arrow.ArrowheadWidth = 8;
            arrow.ArrowheadLength = 10;
            arrow.ArrowheadAxisLength = 10;
        }
        if (data.Rollbacks.Count > 0)
        {
            double[] xs = [.. data.Rollbacks.Select(r => r.Epoch)];
            double[] ys = [.. data.Rollbacks.Select(r => r.Value)];
            var marks = plot.Add.Markers(xs, ys, MarkerShape.Eks, 12, Colors.Red);
            marks.LegendText = "rolled back";
        }
        if (data.Exploits.Count > 0)
        {
            // Arrows have no legend entry of their own.
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = "exploit: arrow from the trial copied to the copy",
                LineColor = Colors.Black.WithAlpha(0.5),
                LineWidth = 2,
            });
        }
        if (data.Rollbacks.Count > 0 || data.Exploits.Count > 0)
            plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }
}
