using Spectre.Console;

namespace Orleans.Tuning.Client.Watching;

/// <summary>Horizontal bars drawn as markup, so they sit in a grid cell beside their numbers.</summary>
internal static class Bars
{
    public const int Width = 20;

    /// <summary>A share of a budget: filled from the left.</summary>
    public static string Fill(double fraction)
    {
        var filled = (int)Math.Round(Math.Clamp(double.IsFinite(fraction) ? fraction : 0, 0, 1) * Width);
        return Span("green", filled) + Span("grey", Width - filled);
    }

    /// <summary>An interval of [0, 1] (a region in the unit cube): only the part inside is lit.</summary>
    public static string Interval(double lower, double upper)
    {
        var from = (int)Math.Floor(Math.Clamp(lower, 0, 1) * Width);
        var to = Math.Max(from + 1, (int)Math.Ceiling(Math.Clamp(upper, 0, 1) * Width));
        to = Math.Min(to, Width);
        return Span("grey", from) + Span("blue", to - from) + Span("grey", Width - to);
    }

    private static string Span(string colour, int length) =>
        length <= 0 ? "" : $"[{colour}]{new string('━', length)}[/]";
}
