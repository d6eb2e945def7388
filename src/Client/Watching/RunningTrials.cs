using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Tuning.Client.Watching;

/// <summary>The trials training now, then the latest failures with their reasons.</summary>
internal static class RunningTrials
{
    // A population can be larger than a terminal is tall; the rest are counted, not drawn.
    public const int MaxRows = 8;

    public static IRenderable Render(StudyStatus s)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]running[/]")
            .AddColumns("trial", "round", "accuracy", "loss", "state", "hyperparameters, note");
        foreach (var i in new[] { 0, 1, 2, 3 })
            table.Columns[i].RightAligned().NoWrap();
        foreach (var t in s.Active.Take(MaxRows))
        {
            // A re-test says whose in the wide column: in the narrow trial column it would squeeze the hyperparameters.
            var what = (t.Kind == "trial" ? "" : $"{t.Kind}: ") + ScaledText.Format(t.Hyperparameters, s.Space) + (t.Note is { } n ? $"  ({n})" : "");
            table.AddRow(
                new Text(t.Number.ToString()),
                new Text(t.Round.ToString()),
                new Text(StatusText.Number(t.ValidationAccuracy)),
                new Text(StatusText.Number(t.ValidationLoss)),
                new Text(t.State),
                new Text(what));
        }
        if (s.Active.Count > MaxRows)
            table.AddRow(new Text(""), new Text(""), new Text(""), new Text(""), new Text(""), new Text($"… {s.Active.Count - MaxRows} more", new Style(Color.Grey)));
        // The latest failures stay in view after their trials have left: the reason is what a user needs to see.
        foreach (var f in s.RecentFailures)
        {
            table.AddRow(
                new Text(f.Trial.ToString()), new Text(f.Round.ToString()), new Text("-"), new Text("-"),
                new Text("failed", new Style(Color.Red)), new Text(f.Reason));
        }
        return table;
    }
}
