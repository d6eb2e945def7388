using Orleans.Tuning.Grains.Studies;
using Spectre.Console;

namespace Orleans.Tuning.Client.Watching;

/// <summary>A table redrawn in place on every poll: the study's progress against its budget and its active trials.</summary>
internal sealed class LiveStudyView(IAnsiConsole console) : IStudyView
{
    public Task<T> ShowWhile<T>(Func<Action<StudyStatus>, Task<T>> watch) =>
        console.Live(new Text("starting the study..."))
            .AutoClear(false) // the last state stays on screen above the summary
            .StartAsync(context => watch(status =>
            {
                context.UpdateTarget(StatusPanel.Render(status));
                context.Refresh();
            }));
}
