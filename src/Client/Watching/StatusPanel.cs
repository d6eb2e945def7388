using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Tuning.Client.Watching;

/// <summary>What the live view draws for one status: the study and its strategy, the budget as bars, the current region, the leaders and the running trials.</summary>
/// <remarks>Every part wraps or shrinks to the console's width; a test holds it to 80 columns.</remarks>
internal static class StatusPanel
{
    public static IRenderable Render(StudyStatus s)
    {
        var header = new Markup(
            $"[bold]{Markup.Escape(s.Name)}[/] [grey]{Markup.Escape(s.Id)}[/]  {Markup.Escape(s.Phase.ToString().ToLowerInvariant())}\n" +
            $"strategy [bold]{Markup.Escape(s.Strategy.ToLowerInvariant())}[/] [grey]({Markup.Escape(s.StrategyReason)})[/]\n" +
            $"generation {s.Generation}   best [green]{Markup.Escape(StatusText.Best(s))}[/]" +
            (s.TrialsFailed > 0 ? $"   [red]failed {s.TrialsFailed}[/]" : "") +
            (s.Message is { } m ? $"\n[yellow]{Markup.Escape(m)}[/]" : ""));
        var parts = new List<IRenderable> { header, BudgetBars.Render(s) };
        if (s.Space.Count > 0)
            parts.Add(new Rows(new Markup("[bold]region[/] [grey](where this generation samples)[/]"), RegionBars.Render(s)));
        if (s.Leaders.Count > 0)
            parts.Add(LeaderBoard.Render(s));
        if (s.Active.Count > 0 || s.RecentFailures.Count > 0)
            parts.Add(RunningTrials.Render(s));
        return new Rows(parts);
    }
}
