using System.Globalization;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Display;

/// <summary>A hyperparameter value as short text on its own scale: 1.09e-3 on a log scale, 0.999 on a one-minus-log scale.</summary>
/// <remarks>
/// A value is printed with the digits its scale makes meaningful: a learning rate's decade matters, its
/// 17th digit does not; a β's distance from 1 matters, so 0.99912 keeps the digits that tell it from 0.999.
/// </remarks>
public static class ScaledText
{
    private const int Significant = 3;

    public static string Format(ParameterValue value, ScaleKind? scale)
    {
        if (value.IsChoice)
            return value.Choice;
        var x = value.Number;
        if (!double.IsFinite(x))
            return x.ToString(CultureInfo.InvariantCulture);
        return scale switch
        {
            ScaleKind.Log => Exponent(x),
            ScaleKind.OneMinusLog => NearOne(x),
            ScaleKind.Int or ScaleKind.IntLog => Math.Round(x).ToString("0", CultureInfo.InvariantCulture),
            _ => x.ToString("G4", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Every entry as <c>name=value</c> on its dimension's scale (a hyperparameter not searched gets a plain 4 digits).</summary>
    public static string Format(Model.Search.Configuration configuration, IReadOnlyList<Grains.Studies.DimensionRow> space, string separator = " ")
    {
        var scales = SearchDimensions.Scales(space);
        return string.Join(separator, configuration.Entries.Select(e =>
            $"{e.Key}={Format(e.Value, scales.TryGetValue(e.Key, out var k) ? k : null)}"));
    }

    // 0.0010851604640015153 → 1.09e-3; the mantissa drops trailing zeros (1e-8, not 1.00e-8).
    private static string Exponent(double x)
    {
        if (x == 0)
            return "0";
        var exponent = (int)Math.Floor(Math.Log10(Math.Abs(x)));
        var mantissa = Math.Round(x / Math.Pow(10, exponent), Significant - 1);
        if (Math.Abs(mantissa) >= 10)
        {
            mantissa /= 10;
            exponent++;
        }
        return $"{mantissa.ToString("0.##", CultureInfo.InvariantCulture)}e{exponent.ToString(CultureInfo.InvariantCulture)}";
    }

    // Enough decimals for two significant digits of 1 − β: 0.9, 0.99, 0.999, 0.99912.
    private static string NearOne(double x)
    {
        var gap = 1 - x;
        if (gap <= 0 || gap >= 1)
            return x.ToString("G4", CultureInfo.InvariantCulture);
        var decimals = Math.Clamp((int)Math.Floor(-Math.Log10(gap)) + 2, 1, 12);
        return x.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}
