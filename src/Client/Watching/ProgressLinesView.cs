using Orleans.Tuning.Grains.Studies;
using Spectre.Console;

namespace Orleans.Tuning.Client.Watching;

/// <summary>One concise line per change of the study (not per poll), for CI logs and redirected output.</summary>
internal sealed class ProgressLinesView(IAnsiConsole console) : IStudyView
{
    public Task<T> ShowWhile<T>(Func<Action<StudyStatus>, Task<T>> watch)
    {
        string? last = null;
        var printed = new HashSet<int>();
        var accounted = 0;
        return watch(status =>
        {
            // Each failure gets a line of its own, once, with its reason: in a CI log it is the line someone searches for.
            // A status carries only the latest few; those that came and went between two polls are counted.
            var fresh = status.RecentFailures.Where(f => !printed.Contains(f.Trial)).ToList();
            var missed = status.TrialsFailed - accounted - fresh.Count;
            if (missed > 0)
                console.PlainLine($"[{StatusText.Time(status)}] {missed} more trial(s) failed; results.csv says why");
            foreach (var f in fresh)
            {
                printed.Add(f.Trial);
                console.PlainLine($"[{StatusText.Time(status)}] trial {f.Trial} failed in round {f.Round}: {f.Reason}");
            }
            accounted = Math.Max(accounted, status.TrialsFailed);
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
                  $"  active {s.Active.Count}" + (s.TrialsFailed > 0 ? $"  failed {s.TrialsFailed}" : "") +
                  $"  best {StatusText.Best(s)}";
        return (key, $"[{StatusText.Time(s)}] {key}");
    }
}
