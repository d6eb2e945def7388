using System.Xml;
using System.Xml.Linq;
using Orleans.Tuning.Client.Reports;

namespace Orleans.Tuning.Client.Tests.Reports;

/// <summary>`tune run` leaves the plots and report.html in its output folder, made from the study it just ran.</summary>
public class RunWritesReportTests
{
    private const string Spec = """
        name: tiny-caviar
        data: { path: {iris}, validation_fraction: 0.3 }
        space:
          learning_rate: { min: 1.0e-3, max: 1.0e-1 }
          beta1: { min: 0.8, max: 0.99 }
          batch_size: [8, 16]
        fixed: { layers: 1, hidden_units: 8 }
        strategy: caviar
        budget: { trials: 4, epochs_per_round: 1, max_epochs_per_trial: 3 }
        population: { size: 4, ready_every_rounds: 1 }
        stopping: none
        retest: { every_trials: 4, leaders: 1, repeats: 1 }
        seed: 2
        """;

    [Fact]
    public async Task Run_leaves_every_plot_and_a_report_naming_the_best_trial_and_prints_the_study_page()
    {
        using var dir = new TempDirectory();
        var spec = dir.File("tiny.yaml", Spec.Replace("{iris}", RepoFiles.Iris));
        var output = dir.Sub("out");
        // A hung study fails the test (exit 130) instead of hanging the suite.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        var (exitCode, printed) = await Tune.Run(timeout.Token, "run", spec, "--out", output, "--slots", "2", "--dashboard");

        Assert.True(exitCode == ExitCodes.Ok, $"exit code {exitCode}:\n{printed}");
        Assert.Matches(@"study page: http://127\.0\.0\.1:\d+/\?study=tiny-caviar-", printed);
        Assert.Equal(
            ["history.png", "hyperparameter-batch_size.png", "hyperparameter-beta1.png", "hyperparameter-learning_rate.png",
             "importance.png", "learning-curves.png", "parallel-coordinates.png"],
            Directory.GetFiles(output, "*.png").Select(Path.GetFileName).Order());
        var report = Path.Combine(output, ReportHtml.FileName);
        Assert.Contains($"wrote {report}", printed);
        using var reader = XmlReader.Create(report, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var page = XDocument.Load(reader);
        var best = System.Text.RegularExpressions.Regex.Match(printed, @"best: trial (\d+)").Groups[1].Value;
        Assert.Contains($"Trial {best}:", page.Descendants("section").Single(s => (string?)s.Attribute("id") == "best").Value);
        Assert.Equal(7, page.Descendants("img").Count());
    }
}
