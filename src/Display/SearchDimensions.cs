using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Display;

/// <summary>The study's searched dimensions rebuilt from its status, so the client maps values to u and back exactly as the study did.</summary>
public static class SearchDimensions
{
    public static ScaleKind KindOf(DimensionRow row) => Enum.Parse<ScaleKind>(row.Scale);

    public static IReadOnlyDictionary<string, ScaleKind> Scales(IReadOnlyList<DimensionRow> space) =>
        space.ToDictionary(d => d.Name, KindOf);

    public static Dimension ToDimension(DimensionRow row) => KindOf(row) switch
    {
        ScaleKind.Linear => Dimension.Linear(row.Name, row.Min, row.Max),
        ScaleKind.Log => Dimension.Log(row.Name, row.Min, row.Max),
        ScaleKind.OneMinusLog => Dimension.OneMinusLog(row.Name, row.Min, row.Max),
        ScaleKind.Int => Dimension.Int(row.Name, row.Min, row.Max),
        ScaleKind.IntLog => Dimension.IntLog(row.Name, row.Min, row.Max),
        ScaleKind.Categorical => Dimension.Categorical(row.Name, row.Choices),
        var k => throw new ArgumentOutOfRangeException(nameof(row), k, "a scale the client does not know"),
    };
}
