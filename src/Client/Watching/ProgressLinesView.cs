using Orleans.Tuning.Grains.Studies;
using Spectre.Console;

namespace Orleans.Tuning.Client.Watching;

/// <summary>One concise line per change of the study (not per poll), for CI logs and redirected output.</summary>
internal sealed class ProgressLinesView(IAnsiConsole console) : IStudyView
{
    public Task<T> ShowWhile<T>(Func<Action<StudyStatus>, Task<T>> watch)
    {
        string? last = null;
        return watch(status =>
        {
            var (key, line) = Format(status);
            if (key == last)
                return;
            last = key;
            console.PlainLine(line);
        });
    }

    /// <summary>The line, and what it says apart from the clock: the line is printed only when that changes.</summary>
    internal static (string Key, string Line) Format(StudyStatus s)
    {
        var key = $"{s.Phase.ToString().ToLowerInvariant()}  trials {StatusText.Used(s.TrialsLaunched, s.TrialBudget)}" +
                  $"  epochs {StatusText.Used(s.EpochsUsed, s.EpochBudget)}  generation {s.Generation}" +
                  $"  active {s.Active.Count}  best {StatusText.Best(s)}";
        return (key, $"[{StatusText.Time(s)}] {key}");
    }
}
