using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>The words a spec uses for scales, strategies and kinds, in one place so the parser and the writer agree.</summary>
internal static class SpecNames
{
    public static readonly IReadOnlyDictionary<string, ScaleKind> Scales = new Dictionary<string, ScaleKind>
    {
        ["linear"] = ScaleKind.Linear,
        ["log"] = ScaleKind.Log,
        ["one-minus-log"] = ScaleKind.OneMinusLog,
        ["int"] = ScaleKind.Int,
        ["int-log"] = ScaleKind.IntLog,
        ["categorical"] = ScaleKind.Categorical,
    };

    public static readonly IReadOnlyDictionary<string, StudyStrategy> Strategies = new Dictionary<string, StudyStrategy>
    {
        ["panda"] = StudyStrategy.Panda,
        ["caviar"] = StudyStrategy.Caviar,
        ["auto"] = StudyStrategy.Auto,
    };

    public static readonly IReadOnlyDictionary<string, ObjectiveMetric> Objectives = new Dictionary<string, ObjectiveMetric>
    {
        ["accuracy"] = ObjectiveMetric.Accuracy,
        ["loss"] = ObjectiveMetric.Loss,
    };

    public static readonly IReadOnlyDictionary<string, CostKind> Costs = new Dictionary<string, CostKind>
    {
        ["seconds_per_epoch"] = CostKind.SecondsPerEpoch,
        ["f2"] = CostKind.F2,
    };

    public static readonly IReadOnlyDictionary<string, StoppingKind> Stoppings = new Dictionary<string, StoppingKind>
    {
        ["none"] = StoppingKind.None,
        ["median"] = StoppingKind.Median,
        ["asha"] = StoppingKind.Asha,
    };

    public static readonly IReadOnlyDictionary<string, SamplerKind> Samplers = new Dictionary<string, SamplerKind>
    {
        ["random"] = SamplerKind.Random,
        ["halton"] = SamplerKind.Halton,
        ["grid"] = SamplerKind.Grid,
        ["tpe"] = SamplerKind.Tpe,
        ["gp"] = SamplerKind.GaussianProcess,
        ["cma-es"] = SamplerKind.CmaEs,
    };

    public static string NameOf<T>(IReadOnlyDictionary<string, T> names, T value) where T : struct, Enum =>
        names.First(n => n.Value.Equals(value)).Key;

    /// <summary>The kind and bounds of a numeric scale; categorical scales have no bounds.</summary>
    public static (ScaleKind Kind, double Min, double Max) Describe(Scale scale) => scale switch
    {
        LinearScale s => (ScaleKind.Linear, s.Min, s.Max),
        LogScale s => (ScaleKind.Log, s.Min, s.Max),
        OneMinusLogScale s => (ScaleKind.OneMinusLog, s.Min, s.Max),
        IntScale s => (ScaleKind.Int, s.Min, s.Max),
        IntLogScale s => (ScaleKind.IntLog, s.Min, s.Max),
        CategoricalScale => (ScaleKind.Categorical, double.NaN, double.NaN),
        _ => throw new ArgumentException($"no spec name for {scale.GetType().Name}", nameof(scale)),
    };
}
