using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Tuning.Client.Watching;

/// <summary>What the live view draws for one status: a header against the budget, then one row per active trial.</summary>
internal static class StatusPanel
{
    public static IRenderable Render(StudyStatus s)
    {
        var header = new Markup(
            $"[bold]{Markup.Escape(s.Name)}[/] [grey]{Markup.Escape(s.Id)}[/]  {Markup.Escape(s.Phase.ToString().ToLowerInvariant())}\n" +
            $"strategy [bold]{Markup.Escape(s.Strategy)}[/] [grey]({Markup.Escape(s.StrategyReason)})[/]\n" +
            $"time {StatusText.Time(s)}   trials {StatusText.Used(s.TrialsLaunched, s.TrialBudget)}   " +
            $"epochs {StatusText.Used(s.EpochsUsed, s.EpochBudget)}   generation {s.Generation}   " +
            $"best [green]{Markup.Escape(StatusText.Best(s))}[/]" +
            (s.TrialsFailed > 0 ? $"   [red]failed {s.TrialsFailed}[/]" : "") +
            (s.Message is { } m ? $"\n[yellow]{Markup.Escape(m)}[/]" : ""));

        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("trial", "hyperparameters", "round", "accuracy", "loss", "state", "note");
        table.Columns[0].RightAligned();
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        table.Columns[4].RightAligned();
        foreach (var t in s.Active)
        {
            table.AddRow(
                new Text($"{t.Number}{(t.Kind == "trial" ? "" : $" {t.Kind}")}"),
                new Text(t.Hyperparameters.ToString()),
                new Text(t.Round.ToString()),
                new Text(StatusText.Number(t.ValidationAccuracy)),
                new Text(StatusText.Number(t.ValidationLoss)),
                new Text(t.State),
                new Text(t.Note ?? ""));
        }
        // The latest failures stay in view after their trials have left: the reason is what a user needs to see.
        foreach (var f in s.RecentFailures)
        {
            table.AddRow(
                new Text(f.Trial.ToString()), new Text(""), new Text(f.Round.ToString()), new Text("-"), new Text("-"),
                new Text("failed", new Style(Color.Red)), new Text(f.Reason));
        }
        return new Rows(header, table);
    }
}
