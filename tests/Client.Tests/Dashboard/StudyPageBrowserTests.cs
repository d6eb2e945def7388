using System.Text.RegularExpressions;
using Orleans.Tuning.Client.Dashboard;
using Orleans.Tuning.Client.Tests.Reports;
using Orleans.Tuning.Display.StudyPage;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Tests.Dashboard;

/// <summary>The study page in a real headless browser, against a study whose trials report while the page is open.</summary>
public class StudyPageBrowserTests
{
    /// <summary>A study that is running: its first answers have trial 0 after one round, later ones trial 0 after two rounds and trial 1.</summary>
    private sealed class ReportingStudy : IStudySource
    {
        private readonly StudyResults before;
        private readonly StudyResults after;
        private int reads;

        public ReportingStudy()
        {
            var all = SampleStudy.Results();
            var running = all.Status with { Phase = StudyPhase.Running };
            before = all with { Status = running, Rows = [.. all.Rows.Where(r => r.Trial == 0 && r.Round == 1)] };
            after = all with { Status = running, Rows = [.. all.Rows.Where(r => (r.Trial == 0 && r.Round <= 2) || (r.Trial == 1 && r.Round == 1))] };
        }

        public int Reads => reads;

        public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([SampleResults().Status.Id]);

        // The page's first two polls see the study before the reports; every later one after.
        public Task<StudyResults> Results(string id) => Task.FromResult(Interlocked.Increment(ref reads) <= 2 ? before : after);

        private static StudyResults SampleResults() => SampleStudy.Results();
    }

    [Fact]
    public async Task The_page_shows_the_trials_of_a_running_study_and_updates_when_a_trial_reports()
    {
        Assert.True(File.Exists(HeadlessChromium.Path), "Chromium is missing: scripts/test.sh installs it (apt-get install chromium)");
        var study = new ReportingStudy();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await StudyPageServer.StartAsync(study, 0, timeout.Token);

        var dom = await HeadlessChromium.DumpDom(server.PageOf("iris-20250101T000000.000Z"), TimeSpan.FromSeconds(6), timeout.Token);

        Assert.True(study.Reads >= 3, $"the page read the study {study.Reads} time(s): it should poll");
        // Both trials are in the table, trial 0 with its second round: only the answers after the reports had them.
        Assert.Matches(@"<tr data-trial=""0""[^>]*><td class=""number"">0</td><td>trial</td><td class=""number"">2</td>", dom);
        Assert.Matches(@"<tr data-trial=""1""[^>]*>", dom);
        Assert.Contains("learning_rate=", dom);
        Assert.Matches(@"<polyline points=""[^""]+"" fill=""none"" stroke=""[^""]+"" data-trial=""1""", dom);
        Assert.Contains("iris-20250101T000000.000Z, running, caviar", dom);
        var updates = int.Parse(Regex.Match(dom, @"<span id=""updates"">(\d+)</span>").Groups[1].Value);
        Assert.True(updates >= 3, $"{updates} updates");
    }

    [Fact]
    public async Task Without_a_study_the_page_lists_the_studies()
    {
        Assert.True(File.Exists(HeadlessChromium.Path), "Chromium is missing: scripts/test.sh installs it (apt-get install chromium)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await StudyPageServer.StartAsync(new ReportingStudy(), 0, timeout.Token);

        var dom = await HeadlessChromium.DumpDom(server.Address, TimeSpan.FromSeconds(2), timeout.Token);

        Assert.Contains(@"<a href=""?study=iris-20250101T000000.000Z"">iris-20250101T000000.000Z</a>", dom);
    }

    [Fact]
    public async Task A_study_that_is_not_listed_is_not_read_and_the_page_says_so()
    {
        var study = new ReportingStudy();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var server = await StudyPageServer.StartAsync(study, 0, timeout.Token);
        using var http = new HttpClient { BaseAddress = server.Address };

        var answer = await http.GetAsync("/api/studies/nobody", timeout.Token);
        var dom = await HeadlessChromium.DumpDom(server.PageOf("nobody"), TimeSpan.FromSeconds(2), timeout.Token);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("cannot reach the study: Error: no study nobody", dom);
        Assert.Equal(0, study.Reads);
    }

    [Fact]
    public async Task The_server_listens_on_the_loopback_address_only()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var server = await StudyPageServer.StartAsync(new ReportingStudy(), 0, timeout.Token);

        Assert.Equal("127.0.0.1", server.Address.Host);
    }
}
