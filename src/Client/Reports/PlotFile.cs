using Orleans.Tuning.Client.Results;
using ScottPlot;

namespace Orleans.Tuning.Client.Reports;

/// <summary>The one place plots are sized, styled and written: every PNG of a study looks alike and is written atomically.</summary>
internal static class PlotFile
{
    public const int Width = 900;
    public const int Height = 560;

    // Debian's fonts-dejavu-core (scripts/bootstrap.sh installs it): SkiaSharp's Linux build without
    // fontconfig finds fonts only as files, and a plot with no font has no text.
    private const string Font = "DejaVu Sans";

    public static Plot New(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(Font);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    public static byte[] Png(Plot plot) => plot.GetImageBytes(Width, Height, ImageFormat.Png);

    /// <returns>The path written.</returns>
    public static string Save(Plot plot, string folder, string name)
    {
        var path = Path.Combine(folder, name);
        var png = Png(plot);
        AtomicFile.Write(path, stream => stream.Write(png));
        return path;
    }
}
