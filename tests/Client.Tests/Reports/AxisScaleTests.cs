using Orleans.Tuning.Client.Reports;
using Orleans.Tuning.Grains.Studies;
using ScottPlot;

namespace Orleans.Tuning.Client.Tests.Reports;

public class AxisScaleTests
{
    private static string[] Labels(ITickGenerator ticks)
    {
        Regenerate(ticks, -10, 10);
        return [.. ticks.Ticks.Where(t => t.IsMajor).Select(t => t.Label)];
    }

    // Ticks are made for an axis range and a pixel size, as a render would.
    private static void Regenerate(ITickGenerator ticks, double from, double to)
    {
        using var paint = Paint.NewDisposablePaint();
        ticks.Regenerate(new CoordinateRange(from, to), Edge.Bottom, new PixelLength(800), paint, new LabelStyle());
    }

    [Fact]
    public void Units_searched_per_doubling_get_a_tick_at_each_power_of_two()
    {
        var scale = AxisScale.For(new DimensionRow("hidden_units", "IntLog", 32, 256, [], 0, 1));

        Assert.Equal(["32", "64", "128", "256"], Labels(scale.Ticks()));
        Assert.Equal(Math.Log10(64), scale.ToAxis(64.0), 12);
    }

    [Fact]
    public void A_log_range_of_whole_decades_gets_decade_ticks_labelled_as_values()
    {
        var scale = AxisScale.For(new DimensionRow("learning_rate", "Log", 1e-4, 1e-1, [], 0, 1));
        var ticks = scale.Ticks();

        Regenerate(ticks, -4, -1);

        Assert.Equal(["1e-4", "1e-3", "1e-2", "1e-1"], ticks.Ticks.Where(t => t.IsMajor).Select(t => t.Label));
    }
}
