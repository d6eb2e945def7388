using System.Globalization;
using System.Xml.Linq;
using Orleans.Tuning.Client.Watching;
using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Reports;

/// <summary>The sections of report.html that are text and tables: the best configuration, the strategy, the budget, the ranking and the trials.</summary>
internal static class ReportSections
{
    public static XElement Best(StudyResults results)
    {
        var section = new XElement("section", new XAttribute("id", "best"), new XElement("h2", "Best configuration"));
        if (results.Status.Best is not { } b)
        {
            section.Add(new XElement("p", "None: no trial reported a finite score."));
            return section;
        }
        var scales = SearchDimensions.Scales(results.Status.Space);
        section.Add(
            new XElement("p", $"Trial {b.Trial}: {b.Metric} {StatusText.Number(b.Score)}; re-test mean ",
                new XElement("strong", $"{StatusText.Number(b.Mean)} ± {StatusText.Number(b.Spread)}"),
                $" over {b.Runs} run{(b.Runs == 1 ? "" : "s")}; validation accuracy {StatusText.Number(b.ValidationAccuracy)}, loss {StatusText.Number(b.ValidationLoss)}."),
            TestAccuracy(b),
            Table(["hyperparameter", "value"], b.Hyperparameters.Select(h => Row(
                h.Key,
                scales.TryGetValue(h.Key, out var kind) ? ScaledText.Format(Value(h.Value), kind) : h.Value))));
        return section;
    }

    // The test part is measured once, by the chosen configuration, at the end: a study cut short may have none.
    private static XElement TestAccuracy(BestTrial b) => b.TestAccuracy is { } accuracy
        ? new XElement("p", new XAttribute("id", "test-accuracy"), "Test accuracy (held out from every decision, measured once): ",
            new XElement("strong", StatusText.Number(accuracy)),
            b.TestLoss is { } loss ? $", loss {StatusText.Number(loss)}." : ".")
        : new XElement("p", new XAttribute("id", "test-accuracy"), new XAttribute("class", "pending"),
            "Test accuracy: not measured (the study ended before its best configuration met the test part).");

    public static XElement Strategy(StudyStatus s) =>
        new("section", new XAttribute("id", "strategy"),
            new XElement("h2", "Strategy"),
            new XElement("p", new XElement("strong", s.Strategy.ToLowerInvariant()), $": {s.StrategyReason}"));

    public static XElement Budget(StudyStatus s) =>
        new("section", new XAttribute("id", "budget"),
            new XElement("h2", "Budget spent"),
            Table(["", "spent", "budget"],
            [
                Row("trials", s.TrialsLaunched.ToString(CultureInfo.InvariantCulture), s.TrialBudget?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Row("epochs", s.EpochsUsed.ToString(CultureInfo.InvariantCulture), s.EpochBudget?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Row("wall time", StatusText.Clock(s.Elapsed), s.WallTime is { } w ? StatusText.Clock(w) : "-"),
                Row("failed or diverged trials", s.TrialsFailed.ToString(CultureInfo.InvariantCulture), ""),
            ]));

    public static XElement Ranking(StudyResults results) =>
        new("section", new XAttribute("id", "ranking"),
            new XElement("h2", "Ranking by re-test mean"),
            Table(["trial", "mean", "spread", "runs", "original", "re-tests"], results.Ranking.Select(r => Row(
                r.Trial.ToString(CultureInfo.InvariantCulture), StatusText.Number(r.Mean), StatusText.Number(r.Spread),
                r.Runs.ToString(CultureInfo.InvariantCulture), StatusText.Number(r.Original),
                string.Join(", ", r.Retests.Select(x => StatusText.Number(x)))))));

    /// <summary>One row per trial (its last round): what it tried, how far it went and how it ended.</summary>
    public static XElement Trials(StudyResults results)
    {
        var objective = Objective.Of(results);
        var rows = results.Rows.GroupBy(r => r.Trial).OrderBy(g => g.Key).Select(g =>
        {
            var last = g.Last();
            return Row(
                last.Trial.ToString(CultureInfo.InvariantCulture), last.Kind, last.Generation.ToString(CultureInfo.InvariantCulture),
                ScaledText.Format(last.Hyperparameters, results.Status.Space),
                last.Epochs.ToString(CultureInfo.InvariantCulture), StatusText.Number(double.IsFinite(objective.Of(last)) ? objective.Of(last) : null),
                last.Failure ?? last.Decision);
        });
        return new XElement("section", new XAttribute("id", "trials"),
            new XElement("h2", "Trials"),
            Table(["trial", "kind", "generation", "hyperparameters", "epochs", objective.Label, "ended"], rows));
    }

    public static XElement? Failures(StudyResults results) =>
        results.Failures.Count == 0 ? null
            : new XElement("section", new XAttribute("id", "failures"),
                new XElement("h2", "Failed trials"),
                new XElement("ul", results.Failures.Select(f =>
                    new XElement("li", new XAttribute("class", "failed"), $"trial {f.Trial}, round {f.Round}: {f.Reason}"))));

    // An empty body is written <tbody></tbody>: a self-closed non-void element is not HTML.
    private static XElement Table(IEnumerable<string> header, IEnumerable<XElement> rows)
    {
        var body = rows.ToList();
        return new("table",
            new XElement("thead", new XElement("tr", header.Select(h => new XElement("th", h)))),
            new XElement("tbody", body.Count > 0 ? body : ""));
    }

    private static XElement Row(params string[] cells) =>
        new("tr", cells.Select(c => IsNumber(c)
            ? new XElement("td", new XAttribute("class", "number"), c)
            : new XElement("td", c)));

    private static bool IsNumber(string text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    // best.json's hyperparameters travel as text; a number goes back to a number to be formatted on its scale.
    private static Model.Search.ParameterValue Value(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : text;
}
