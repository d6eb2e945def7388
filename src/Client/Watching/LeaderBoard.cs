using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Tuning.Client.Watching;

/// <summary>The best trials so far, ranked by the mean over their original run and re-tests, with the spread that says how much was luck.</summary>
internal static class LeaderBoard
{
    public static IRenderable Render(StudyStatus s)
    {
        var table = new Table().Border(TableBorder.Simple).Title("[bold]leaders[/]")
            .AddColumns("#", "trial", "mean", "± spread", "runs", "hyperparameters");
        foreach (var i in new[] { 0, 1, 2, 3, 4 })
            table.Columns[i].RightAligned().NoWrap();
        for (var rank = 0; rank < s.Leaders.Count; rank++)
        {
            var l = s.Leaders[rank];
            table.AddRow(
                new Text((rank + 1).ToString()),
                new Text(l.Trial.ToString()),
                new Text(StatusText.Number(l.Mean), rank == 0 ? new Style(Color.Green) : Style.Plain),
                new Text(l.Runs > 1 ? StatusText.Number(l.Spread) : "-"),
                new Text(l.Runs.ToString()),
                new Text(ScaledText.Format(l.Hyperparameters, s.Space)));
        }
        return table;
    }
}
