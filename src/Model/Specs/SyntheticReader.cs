using System.Globalization;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Synthetic;

namespace Orleans.Tuning.Model.Specs;

/// <summary>
/// Reads the parts of a spec that change when <c>data.synthetic</c> names a test function instead of a dataset:
/// the space is the function's domain (or a box inside it), and what only a network has is rejected.
/// </summary>
/// <remarks>
/// A synthetic trial is one evaluation: one round of one "epoch" whose loss is the function's value, minimised.
/// So there is nothing to stop early, nothing to re-test (the value is exact), no data to split and no network
/// hyperparameter to fix; a spec that sets any of them is told so, rather than have the setting silently ignored.
/// </remarks>
internal sealed class SyntheticReader(List<SpecError> errors)
{
    /// <summary>data: { synthetic: NAME } and nothing else.</summary>
    public DataSpec? Data(SpecReader data)
    {
        var name = data.Text("synthetic", required: true);
        foreach (var key in data.Keys.Where(k => k != "synthetic"))
        {
            data.Node(key);
            data.Error(key, "not used with data.synthetic (a synthetic objective reads no data)");
        }
        if (name is null)
            return null;
        if (!SyntheticObjective.All.ContainsKey(name))
        {
            data.Error("synthetic", $"unknown synthetic objective '{name}'{DidYouMean.Hint(name, SyntheticObjective.All.Keys)} (known: {string.Join(", ", SyntheticObjective.All.Keys)})");
            return null;
        }
        return DataSpec.OfSynthetic(name);
    }

    /// <summary>
    /// The function's domain when <c>space</c> is absent; otherwise every argument (x1, x2, ...) with min and max
    /// inside the domain, on a linear scale. <c>fixed</c> is rejected: the function has no other inputs.
    /// </summary>
    public (SearchSpace? Space, Dictionary<string, ParameterValue> Fixed) Space(SpecReader root, SyntheticObjective objective)
    {
        var domain = objective.Space;
        if (root.Map("fixed") is { } @fixed)
        {
            foreach (var key in @fixed.Keys)
            {
                @fixed.Node(key);
                @fixed.Error(key, $"not used with data.synthetic: {objective.Name} takes only {Arguments(domain)}, all searched");
            }
        }
        var space = root.Map("space");
        if (space is null)
            return (domain, []);

        var dimensions = new List<Dimension>();
        foreach (var name in space.Keys)
        {
            if (domain.Dimensions.FirstOrDefault(d => d.Name == name) is not { } argument)
            {
                space.Node(name);
                space.Error(name, $"{objective.Name} has no argument '{name}'{DidYouMean.Hint(name, domain.Dimensions.Select(d => d.Name))} (its arguments: {Arguments(domain)})");
                continue;
            }
            if (ReadArgument(space, name, (LinearScale)argument.Scale) is { } dimension)
                dimensions.Add(dimension);
        }
        foreach (var missing in domain.Dimensions.Where(d => !space.Keys.Contains(d.Name)))
            errors.Add(new SpecError(space.PathOf(missing.Name), $"required: {objective.Name} needs every argument searched (its domain is {Describe(missing)})"));
        space.Finish();
        var ordered = dimensions.OrderBy(d => domain.Dimensions.ToList().FindIndex(a => a.Name == d.Name)).ToList();
        return (ordered.Count == domain.Count ? new SearchSpace(ordered) : null, []);
    }

    /// <summary>A trial is one round of one evaluation: any other round length is an error at its key.</summary>
    public void CheckOneRound(SpecReader? budget, int? epochsPerRound, int? maxEpochsPerTrial)
    {
        if (epochsPerRound is not (null or 1))
            budget!.Error("epochs_per_round", "must be 1 with data.synthetic: a synthetic trial is one evaluation");
        if (maxEpochsPerTrial is not (null or 1))
            budget!.Error("max_epochs_per_trial", "must be 1 with data.synthetic: a synthetic trial is one evaluation");
    }

    public void CheckStopping(SpecReader root, StoppingKind? kind)
    {
        if (kind is not (null or StoppingKind.None))
            errors.Add(new SpecError(root.PathOf("stopping"), "must be none with data.synthetic: a synthetic trial is one round, there is nothing to stop early"));
    }

    public void CheckRetest(SpecReader? retest, bool? enabled)
    {
        if (enabled == true)
            retest!.Error("enabled", "must be false with data.synthetic: the function's value is exact, a re-test would only repeat it");
    }

    private Dimension? ReadArgument(SpecReader space, string name, LinearScale domain)
    {
        var node = space.Node(name);
        if (node is not SpecMap map)
        {
            errors.Add(new SpecError(space.PathOf(name), $"expected a mapping with min and max inside {Describe(domain)}, got {node?.Describe() ?? "nothing"}"));
            return null;
        }
        var d = new SpecReader(map, space.PathOf(name), errors);
        if (d.OneOf("scale", SpecNames.Scales) is { } scale && scale != ScaleKind.Linear)
            d.Error("scale", "a synthetic objective's arguments are searched on a linear scale");
        var min = d.Number("min", required: true);
        var max = d.Number("max", required: true);
        d.Finish();
        if (min is not { } lo || max is not { } hi)
            return null;
        var ok = true;
        if (lo < domain.Min || lo >= domain.Max)
        {
            d.Error("min", $"must lie in the domain {Describe(domain)} and below max, got {Fmt(lo)}");
            ok = false;
        }
        if (hi > domain.Max || hi <= lo)
        {
            d.Error("max", $"must lie in the domain {Describe(domain)} and above min, got {Fmt(hi)}");
            ok = false;
        }
        return ok ? Dimension.Linear(name, lo, hi) : null;
    }

    private static string Arguments(SearchSpace domain) => string.Join(", ", domain.Dimensions.Select(d => d.Name));

    private static string Describe(Dimension d) => Describe((LinearScale)d.Scale);

    private static string Describe(LinearScale s) => $"[{Fmt(s.Min)}, {Fmt(s.Max)}]";

    private static string Fmt(double x) => x.ToString(CultureInfo.InvariantCulture);
}
