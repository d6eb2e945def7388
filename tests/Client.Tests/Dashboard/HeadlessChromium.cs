using System.Diagnostics;

namespace Orleans.Tuning.Client.Tests.Dashboard;

/// <summary>Debian's Chromium, headless: loads a page, runs its script for a stretch of virtual time, and returns the DOM it ended with.</summary>
/// <remarks>
/// Virtual time runs the page's timers as fast as the page can go, while a fetch in flight holds the clock,
/// so a page that polls once a second gets several polls answered in well under a second of real time.
/// The flags keep Chromium off the network it would otherwise try (updates, sync), which this machine refuses.
/// </remarks>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static async Task<string> DumpDom(Uri page, TimeSpan virtualTime, CancellationToken cancellation)
    {
        using var profile = new TempDirectory();
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                $"--user-data-dir={profile.FullPath}",
                $"--virtual-time-budget={(int)virtualTime.TotalMilliseconds}",
                "--dump-dom", page.ToString(),
            },
        };
        using var chromium = Process.Start(start)!;
        var dom = chromium.StandardOutput.ReadToEndAsync(cancellation);
        _ = chromium.StandardError.ReadToEndAsync(cancellation); // drained, or a chatty browser blocks on a full pipe
        try
        {
            await chromium.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            chromium.Kill(entireProcessTree: true);
            throw;
        }
        return await dom;
    }
}
