using System.Xml;
using System.Xml.Linq;
using Orleans.Tuning.Client.Reports;
using Orleans.Tuning.Client.Tests.Results;

namespace Orleans.Tuning.Client.Tests.Reports;

public class ReportHtmlTests
{
    private static XDocument Write(Grains.Studies.StudyResults results, out string text)
    {
        using var stream = new MemoryStream();
        ReportHtml.Write(stream, results, StudyPlots.Render(results));
        text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        // Well-formed: it parses as XML, the strictest reading of the page.
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static XElement Section(XDocument page, string id) =>
        page.Descendants("section").Single(s => (string?)s.Attribute("id") == id);

    [Fact]
    public void The_report_names_the_best_trial_with_its_retest_mean_and_spread()
    {
        var page = Write(SampleStudy.Results(), out var text);

        Assert.StartsWith("<!DOCTYPE html>", text);
        Assert.Equal("iris: study report", page.Descendants("title").Single().Value);
        var best = Section(page, "best");
        Assert.Contains($"Trial {SampleStudy.Best}:", best.Value);
        Assert.Contains("± 0.007 over 2 runs", best.Value);
        // On their own scales: the learning rate by its decade, the choice by name.
        var hyperparameters = best.Descendants("tr").Skip(1).ToDictionary(r => r.Elements("td").First().Value, r => r.Elements("td").Last().Value);
        Assert.Matches(@"^\de-3$|^\d\.\d+e-3$", hyperparameters["learning_rate"]);
        Assert.Equal(SampleStudy.Optimizer(SampleStudy.Best), hyperparameters["optimizer"]);
        // The place kept for the test accuracy, until the results carry one.
        Assert.Contains("Test accuracy", page.Descendants("p").Single(p => (string?)p.Attribute("id") == "test-accuracy").Value);
    }

    [Fact]
    public void The_report_says_the_strategy_and_why_the_budget_spent_and_lists_every_trial()
    {
        var page = Write(SampleStudy.Results(), out _);

        Assert.Equal("caviar: 4 free training slots", Section(page, "strategy").Element("p")!.Value);
        var budget = Section(page, "budget").Descendants("tr").Skip(1).Select(r => string.Join("|", r.Elements("td").Select(td => td.Value))).ToList();
        Assert.Contains("trials|40|40", budget);
        Assert.Contains("epochs|246|300", budget);
        Assert.Contains("wall time|00:42|10:00", budget);
        var trials = Section(page, "trials").Descendants("tbody").Single().Elements("tr").ToList();
        Assert.Equal(SampleStudy.SearchTrials + 1, trials.Count); // and the re-test
        Assert.Contains(trials, r => r.Elements("td").Last().Value == "out of memory");
        Assert.Contains("trial 5, round 0: out of memory", Section(page, "failures").Value);
    }

    [Fact]
    public void The_plots_are_inline_pngs_and_nothing_is_fetched_from_elsewhere()
    {
        var page = Write(SampleStudy.Results(), out _);

        var images = page.Descendants("img").ToList();
        Assert.Equal(StudyPlots.Render(SampleStudy.Results()).Count, images.Count);
        foreach (var img in images)
        {
            var src = (string)img.Attribute("src")!;
            Assert.StartsWith("data:image/png;base64,", src);
            var png = Convert.FromBase64String(src["data:image/png;base64,".Length..]);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        }
        Assert.DoesNotContain(page.Descendants(), e => e.Name.LocalName is "script" or "link");
        Assert.All(page.Descendants().Attributes("href"), a => Assert.StartsWith("#", a.Value));
    }

    [Fact]
    public void A_study_without_results_still_makes_a_readable_report()
    {
        var page = Write(SampleResults.Results() with { Status = SampleResults.Status(), Rows = [], Ranking = [] }, out var text);

        Assert.Contains("None: no trial reported a finite score.", Section(page, "best").Value);
        Assert.Contains("No plots", Section(page, "plots").Value);
        Assert.DoesNotContain("<tbody />", text);
    }
}
