using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Tuning.Client.Watching;

/// <summary>The budget as bars: trials, epochs and wall time, each against its cap; a budget without a cap shows its count alone.</summary>
internal static class BudgetBars
{
    public static IRenderable Render(StudyStatus s)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap());
        Add(grid, "trials", s.TrialsLaunched, s.TrialBudget, StatusText.Used(s.TrialsLaunched, s.TrialBudget));
        Add(grid, "epochs", s.EpochsUsed, s.EpochBudget, StatusText.Used(s.EpochsUsed, s.EpochBudget));
        Add(grid, "time", s.Elapsed.TotalSeconds, s.WallTime?.TotalSeconds, StatusText.Time(s));
        return grid;
    }

    private static void Add(Grid grid, string label, double used, double? budget, string text) =>
        grid.AddRow(
            new Text(label),
            new Markup(budget is { } b && b > 0 ? Bars.Fill(used / b) : new string(' ', Bars.Width)),
            new Text(text));
}
