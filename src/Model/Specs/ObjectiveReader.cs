using Orleans.Tuning.Model.Synthetic;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Reads <c>objective: accuracy</c>, or <c>objectives: [accuracy, seconds_per_epoch]</c> — a metric and a cost minimised beside it.</summary>
internal sealed class ObjectiveReader(List<SpecError> errors)
{
    private const string Two = "a list of two: the metric (accuracy or loss) and a cost (seconds_per_epoch; f2 with data.synthetic: zdt1)";

    public ObjectiveSpec Read(SpecReader root, SyntheticObjective? synthetic)
    {
        var single = root.OneOf("objective", SpecNames.Objectives);
        var node = root.Node("objectives");
        if (node is null)
        {
            if (synthetic is not null && single == ObjectiveMetric.Accuracy)
                root.Error("objective", "a synthetic objective minimises the function's value: use loss (the default with data.synthetic)");
            return new ObjectiveSpec(synthetic is null ? single ?? ObjectiveMetric.Accuracy : ObjectiveMetric.Loss);
        }
        if (root.Keys.Contains("objective"))
            root.Error("objectives", "give objective or objectives, not both");
        if (node is not SpecList { Items.Count: 2 } list)
            return root.Wrong<ObjectiveSpec>("objectives", Two, node) ?? new ObjectiveSpec();

        var path = root.PathOf("objectives");
        var metric = Name(list.Items[0], $"{path}[0]", SpecNames.Objectives) ?? ObjectiveMetric.Accuracy;
        var cost = Name(list.Items[1], $"{path}[1]", SpecNames.Costs) ?? CostKind.None;
        if (synthetic is not null && metric != ObjectiveMetric.Loss)
            errors.Add(new SpecError($"{path}[0]", "a synthetic objective minimises the function's value: use loss"));
        if (cost == CostKind.F2 && synthetic is null)
            errors.Add(new SpecError($"{path}[1]", "f2 is the second value of a two-objective synthetic function (data.synthetic: zdt1); a network's cost is seconds_per_epoch"));
        else if (cost == CostKind.F2 && !synthetic!.HasTwoValues)
            errors.Add(new SpecError($"{path}[1]", $"{synthetic.Name} has one value; the two-objective functions are {string.Join(", ", SyntheticObjective.All.Values.Where(f => f.HasTwoValues).Select(f => f.Name))}"));
        else if (cost == CostKind.SecondsPerEpoch && synthetic is not null)
            errors.Add(new SpecError($"{path}[1]", "a synthetic trial trains nothing: its second objective is f2, for a two-objective function"));
        return new ObjectiveSpec(metric, cost);
    }

    private T? Name<T>(SpecNode node, string path, IReadOnlyDictionary<string, T> names) where T : struct
    {
        if (node is SpecScalar { Text: { } text } && names.TryGetValue(text, out var value))
            return value;
        var got = node is SpecScalar { Text: { } t } ? $"'{t}'" : node.Describe();
        errors.Add(new SpecError(path, $"unknown value {got} (expected one of {string.Join(", ", names.Keys)})"));
        return null;
    }
}
