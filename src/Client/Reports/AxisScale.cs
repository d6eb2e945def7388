using System.Globalization;
using Orleans.Tuning.Display;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Orleans.Tuning.Client.Reports;

/// <summary>Where a hyperparameter's value sits on a plot axis: its decade on a log scale, the decade of 1 − β on a one-minus-log scale, its index for a choice.</summary>
/// <remarks>
/// ScottPlot draws linear axes; a log axis is a linear axis of log10 values with labels put back into
/// values. For β the axis is −log10(1 − β), so 0.9, 0.99, 0.999 are evenly spaced and β grows to the right.
/// </remarks>
internal sealed record AxisScale(ScaleKind Kind, double Min, double Max, IReadOnlyList<string> Choices)
{
    public static AxisScale For(DimensionRow row) => new(SearchDimensions.KindOf(row), row.Min, row.Max, row.Choices);

    public bool IsLog => Kind is ScaleKind.Log or ScaleKind.IntLog or ScaleKind.OneMinusLog;

    public double ToAxis(ParameterValue value) => Kind switch
    {
        ScaleKind.Log or ScaleKind.IntLog => Math.Log10(value.Number),
        ScaleKind.OneMinusLog => -Math.Log10(1 - value.Number),
        ScaleKind.Categorical => IndexOf(value.Choice),
        _ => value.Number,
    };

    /// <summary>A bound as <see cref="RegionRow"/> writes it (text), on this axis.</summary>
    public double ToAxis(string text) =>
        Kind == ScaleKind.Categorical ? IndexOf(text) : ToAxis(double.Parse(text, CultureInfo.InvariantCulture));

    /// <summary>The axis position back as the value a person reads.</summary>
    public string Label(double axis) => Kind switch
    {
        ScaleKind.Log => ScaledText.Format(Math.Pow(10, axis), ScaleKind.Log),
        ScaleKind.IntLog => ScaledText.Format(Math.Round(Math.Pow(10, axis)), ScaleKind.IntLog),
        ScaleKind.OneMinusLog => ScaledText.Format(1 - Math.Pow(10, -axis), ScaleKind.OneMinusLog),
        ScaleKind.Categorical => axis >= 0 && axis < Choices.Count && axis == Math.Floor(axis) ? Choices[(int)axis] : "",
        _ => ScaledText.Format(axis, Kind),
    };

    public string Title(string name) => Kind switch
    {
        ScaleKind.Log or ScaleKind.IntLog => $"{name} (log scale)",
        ScaleKind.OneMinusLog => $"{name} (log scale of 1 − {name})",
        _ => name,
    };

    public ITickGenerator Ticks() => Kind switch
    {
        ScaleKind.Categorical => new NumericManual([.. Choices.Select((_, i) => (double)i)], [.. Choices]),
        // Units and batch sizes are searched per doubling: ticks at the powers of two in range.
        ScaleKind.IntLog => Manual(Enumerable.Range(0, 31).Select(k => Math.Pow(2, k)).Where(v => v >= Min && v <= Max).Select(Math.Log10)),
        // Ticks at whole decades, when the range spans one; a narrower range gets ticks in between, labelled as values.
        ScaleKind.Log or ScaleKind.OneMinusLog => new NumericAutomatic
        {
            IntegerTicksOnly = Math.Abs(ToAxis(Max) - ToAxis(Min)) >= 1,
            LabelFormatter = Label,
            MinorTickGenerator = new LogMinorTickGenerator(),
        },
        _ => new NumericAutomatic { LabelFormatter = Label },
    };

    private NumericManual Manual(IEnumerable<double> positions)
    {
        var at = positions.ToArray();
        return new NumericManual(at, [.. at.Select(Label)]);
    }

    private double IndexOf(string choice)
    {
        for (var i = 0; i < Choices.Count; i++)
        {
            if (Choices[i] == choice)
                return i;
        }
        throw new ArgumentException($"'{choice}' is not one of {string.Join(", ", Choices)}", nameof(choice));
    }
}
