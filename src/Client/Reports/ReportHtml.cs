using System.Text;
using System.Xml.Linq;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Reports;

/// <summary>report.html: one self-contained page (images inline, styles inline, no scripts) that reads the same offline, years later.</summary>
/// <remarks>
/// Built as an XML tree rather than by string concatenation: every text is escaped by construction and the
/// page is well-formed by construction (it parses as XHTML as well as HTML).
/// </remarks>
internal static class ReportHtml
{
    public const string FileName = "report.html";

    private const string Style = """
        body { font-family: "DejaVu Sans", sans-serif; max-width: 960px; margin: 2em auto; color: #222; }
        table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.2em 0.6em; text-align: left; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        figure { margin: 1em 0 2em; }
        figure img { max-width: 100%; }
        .pending { color: #a60; }
        .failed { color: #b00; }
        """;

    public static void Write(Stream stream, StudyResults results, IReadOnlyList<StudyPlots.Rendered> plots)
    {
        var s = results.Status;
        var html = new XElement("html", new XAttribute("lang", "en"),
            new XElement("head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("title", $"{s.Name}: study report"),
                new XElement("style", Style)),
            new XElement("body",
                new XElement("h1", s.Name),
                new XElement("p", $"study {s.Id}, {s.Phase.ToString().ToLowerInvariant()}" + (s.Message is { } m ? $": {m}" : "")),
                ReportSections.Best(results),
                ReportSections.Strategy(s),
                ReportSections.Budget(s),
                Plots(plots),
                ReportSections.Ranking(results),
                ReportSections.Trials(results),
                ReportSections.Failures(results)));
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true);
        writer.Write("<!DOCTYPE html>\n");
        // Unindented: indentation would put white space inside mixed text such as a paragraph with a bold part.
        writer.Write(html.ToString(SaveOptions.DisableFormatting));
        writer.Write('\n');
    }

    private static XElement Plots(IReadOnlyList<StudyPlots.Rendered> plots) =>
        new("section", new XAttribute("id", "plots"),
            new XElement("h2", "Plots"),
            plots.Count == 0 ? new XElement("p", "No plots: no trial learned anything.") : null,
            plots.Select(p => new XElement("figure",
                new XElement("img",
                    new XAttribute("src", "data:image/png;base64," + Convert.ToBase64String(p.Png)),
                    new XAttribute("alt", p.Title),
                    new XAttribute("width", PlotFile.Width),
                    new XAttribute("height", PlotFile.Height)),
                new XElement("figcaption", p.Title))));
}
