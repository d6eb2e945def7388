using Spectre.Console;

namespace Orleans.Tuning.Client;

/// <summary>Runs a long step under a spinner whose text follows the step's progress, on a console that can redraw.</summary>
/// <remarks>A log (CI, a pipe) gets no spinner: its frames would be debris there; the step's own result lines say enough.</remarks>
internal static class LongOperation
{
    public static T Run<T>(IAnsiConsole console, string description, Func<Action<string>, T> work)
    {
        if (!console.Profile.Capabilities.Interactive)
            return work(_ => { });
        return console.Status().Start(description, context =>
            work(step =>
            {
                context.Status($"{description}: {Markup.Escape(step)}");
                // At once, not at the next tick: a step may take less than a tick, and the one after it may take long.
                context.Refresh();
            }));
    }
}
