using Spectre.Console.Testing;

namespace Orleans.Tuning.Client.Tests;

/// <summary>Runs the real <c>tune</c> command line in-process, as a user would type it, and returns what it printed.</summary>
internal static class Tune
{
    public static Task<(int ExitCode, string Output)> Run(params string[] args) => Run(CancellationToken.None, args);

    public static async Task<(int ExitCode, string Output)> Run(CancellationToken cancellation, params string[] args)
    {
        // TestConsole is not interactive, so `run` prints progress lines as it does in CI.
        using var console = new TestConsole();
        console.Profile.Width = 1000;
        var exitCode = await TuneApp.Create(console).RunAsync(args, cancellation);
        return (exitCode, console.Output);
    }
}
