using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Orleans.Tuning.Client.Watching;

/// <summary>The region the current generation samples, one row per dimension: where it lies in the whole range, and its bounds on the dimension's scale.</summary>
/// <remarks>The bar is drawn in u, the scale's own coordinate, so a log dimension's decades get equal room, as the sampler gives them.</remarks>
internal static class RegionBars
{
    public static IRenderable Render(StudyStatus s)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn().NoWrap()).AddColumn(new GridColumn());
        foreach (var row in s.Space)
        {
            var dimension = SearchDimensions.ToDimension(row);
            var kind = SearchDimensions.KindOf(row);
            var low = ScaledText.Format(dimension.Scale.ToValue(row.RegionLower), kind);
            var high = ScaledText.Format(dimension.Scale.ToValue(row.RegionUpper), kind);
            grid.AddRow(new Text(row.Name), new Markup(Bars.Interval(row.RegionLower, row.RegionUpper)), new Text(low == high ? low : $"{low} – {high}"));
        }
        return grid;
    }
}
