using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Silo.Health;

namespace Orleans.Tuning.Deploy.Tests.Silo;

/// <summary>The study page served by a real silo process beside Orleans' dashboard, read by a real headless browser while a study runs on that silo.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class StudyPageTests
{
    // Long enough never to finish during the test (it is cancelled at the end); one epoch a round, so rounds come often.
    private const string Spec = """
        name: page
        seed: 1
        data: { path: digits.csv, validation_fraction: 0.2 }
        space:
          learning_rate: { min: 1.0e-3, max: 1.0e-1 }
          hidden_units: { min: 16, max: 64 }
        fixed: { optimizer: adam, layers: 1 }
        strategy: caviar
        generation_size: 4
        budget: { trials: 5000, wall_time: 20m, epochs_per_round: 1, max_epochs_per_trial: 30 }
        """;

    /// <summary>What the page shows: its table's rows (trial number, rounds), the curves drawn, and how many times it redrew.</summary>
    private sealed record Shown(IReadOnlyList<(int Trial, int Rounds)> Rows, int Curves, string Summary, int Updates)
    {
        public int Rounds => Rows.Sum(r => r.Rounds);
    }

    private const string ReadPage = """
        JSON.stringify({
          rows: [...document.querySelectorAll('#trials tbody tr')].map(r => [+r.cells[0].textContent, +r.cells[2].textContent]),
          curves: document.querySelectorAll('#curves polyline').length,
          summary: document.getElementById('summary').textContent,
          updates: +document.getElementById('updates').textContent })
        """;

    [Fact]
    public async Task The_silo_serves_the_study_page_which_shows_a_running_study_and_updates_when_a_trial_reports()
    {
        Assert.True(File.Exists(DevToolsChromium.Path), "Chromium is missing: scripts/test.sh installs it (scripts/browser.sh)");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;
        var health = SiloProcess.FreePort();
        var gateway = SiloProcess.FreePort();
        using var silo = SiloProcess.InMemory(health, SiloProcess.FreePort(), gateway, dashboard: true);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(10) };
        Assert.True(await silo.Poll(http, HealthEndpoints.Ready, TimeSpan.FromSeconds(90)) == System.Net.HttpStatusCode.OK, silo.Log);
        var printed = Regex.Match(silo.Log, @"studies (http://\S+/studies/)");
        Assert.True(printed.Success, $"the silo did not print the study page's address:\n{silo.Log}");
        var page = new Uri(printed.Groups[1].Value);
        Assert.Equal($"http://127.0.0.1:{health}/studies/", page.ToString());

        using var client = await Connect(gateway, ct);
        var grains = client.Services.GetRequiredService<IClusterClient>();
        var study = grains.GetGrain<IStudyGrain>("page-1");
        await study.Start(StudySpecParser.Parse(Spec, "page.yaml", Repo.File("data")).ToNormalizedText());
        try
        {
            await Until(async () => (await study.GetStatus()).ReportsReceived >= 1, "the study's first report", ct);
            await using var browser = await DevToolsChromium.StartAsync(ct);

            await browser.Navigate(page, ct);
            await Until(async () => (string?)await browser.Evaluate("[...document.querySelectorAll('#studies a')].map(a => a.textContent).join(' ')", ct) == "page-1",
                "the list of studies naming page-1", ct);

            await browser.Navigate(new Uri(page, "?study=page-1"), ct);
            var first = await Read(browser, s => s.Rows.Count > 0, "the study's trials", ct);
            Assert.StartsWith("page-1, running, caviar", first.Summary);
            var later = await Read(browser, s => s.Rounds > first.Rounds, $"more than the {first.Rounds} round(s) first shown", ct);

            // What the page shows is the study's own account, from its grain: each trial it lists has at least as many rounds there.
            var results = await study.GetResults();
            Assert.Equal(StudyPhase.Running, results.Status.Phase);
            foreach (var (trial, rounds) in later.Rows)
                Assert.True(results.Rows.Where(r => r.Trial == trial).Max(r => r.Round) >= rounds, $"trial {trial}: the page shows {rounds} rounds");
            Assert.Equal(later.Rows.Count, later.Curves);
            Assert.True(later.Updates > first.Updates, $"updates {first.Updates} then {later.Updates}");
        }
        finally
        {
            await study.Cancel("the test is over");
        }
    }

    private static async Task<IHost> Connect(int gatewayPort, CancellationToken ct)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(c => c.UseLocalhostClustering(gatewayPort));
        var host = builder.Build();
        await host.StartAsync(ct);
        return host;
    }

    private static async Task<Shown> Read(DevToolsChromium browser, Func<Shown, bool> wanted, string what, CancellationToken ct)
    {
        Shown? shown = null;
        await Until(async () =>
        {
            using var json = JsonDocument.Parse((string)(await browser.Evaluate(ReadPage, ct))!);
            var root = json.RootElement;
            shown = new Shown(
                [.. root.GetProperty("rows").EnumerateArray().Select(r => (r[0].GetInt32(), r[1].GetInt32()))],
                root.GetProperty("curves").GetInt32(), root.GetProperty("summary").GetString()!, root.GetProperty("updates").GetInt32());
            return wanted(shown);
        }, what, ct, () => $"last seen: {shown}");
        return shown!;
    }

    private static async Task Until(Func<Task<bool>> condition, string what, CancellationToken ct, Func<string>? lastSeen = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"waited 2 minutes for {what}. {lastSeen?.Invoke()}");
            await Task.Delay(250, ct);
        }
    }
}
