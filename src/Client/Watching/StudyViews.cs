using Spectre.Console;

namespace Orleans.Tuning.Client.Watching;

/// <summary>Picks the view the output can show.</summary>
internal static class StudyViews
{
    // Live redraws the screen with cursor movements; a log file or CI output would fill with their debris.
    public static IStudyView For(IAnsiConsole console) =>
        console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi
            ? new LiveStudyView(console)
            : new ProgressLinesView(console);
}
