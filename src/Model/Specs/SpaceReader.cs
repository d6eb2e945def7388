using System.Globalization;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Reads <c>space:</c> and <c>fixed:</c>: hyperparameter names from the registry, scales defaulted from it, bounds checked where the user wrote them.</summary>
internal sealed class SpaceReader(List<SpecError> errors)
{
    // A key with no value ("layers:") is a mistake here, not an absent key.
    private static readonly SpecScalar Null = new(null, 0, 0);

    public (SearchSpace? Space, Dictionary<string, ParameterValue> Fixed) Read(SpecReader root)
    {
        var dimensions = new List<Dimension>();
        var space = root.Map("space", required: true);
        if (space is not null)
        {
            foreach (var name in space.Keys)
            {
                var node = space.Node(name) ?? Null;
                if (Known(space, name) is { } h && ReadDimension(space.PathOf(name), h, node) is { } dimension)
                    dimensions.Add(dimension);
            }
            if (!space.Keys.Any())
                errors.Add(new SpecError(space.Path, "needs at least one hyperparameter to search"));
        }

        var @fixed = new Dictionary<string, ParameterValue>();
        var fixedReader = root.Map("fixed");
        foreach (var name in fixedReader?.Keys ?? [])
        {
            var node = fixedReader!.Node(name) ?? Null;
            if (Known(fixedReader, name) is not { } h)
                continue;
            if (space?.Keys.Contains(name) == true)
                fixedReader.Error(name, $"also searched under space.{name}; give it in one place");
            else if (ReadValue(fixedReader.PathOf(name), h, node) is { } value)
                @fixed[name] = value;
        }

        CheckExponentialDecay(dimensions, @fixed);
        CheckActs(dimensions, @fixed);
        var complete = errors.Count == 0 && dimensions.Count > 0;
        return (complete ? new SearchSpace(dimensions) : null, @fixed);
    }

    private Hyperparameter? Known(SpecReader section, string name)
    {
        if (Hyperparameters.TryGet(name, out var h))
            return h;
        section.Error(name, $"unknown hyperparameter{DidYouMean.Hint(name, Hyperparameters.Names)}");
        return null;
    }

    private Dimension? ReadDimension(string path, Hyperparameter h, SpecNode node)
    {
        switch (node)
        {
            case SpecList list:
                return Categorical(path, h, list);
            case SpecMap map:
                var d = new SpecReader(map, path, errors);
                var scale = d.OneOf("scale", SpecNames.Scales);
                var choices = d.Node("choices");
                var given = d.Keys.ToHashSet();
                var kind = scale ?? (choices is not null || h.IsCategorical ? ScaleKind.Categorical : h.DefaultScale);
                if (given.Contains("scale") && scale is null)
                {
                    d.Finish();
                    return null;
                }
                Dimension? dimension;
                if (kind == ScaleKind.Categorical)
                {
                    foreach (var bound in new[] { "min", "max" }.Where(given.Contains))
                        Unused(d, bound, "not used by a categorical scale (give choices)");
                    dimension = choices switch
                    {
                        null => Required(d, "choices"),
                        SpecList list => Categorical(d.PathOf("choices"), h, list),
                        _ => d.Wrong<Dimension>("choices", "a list", choices),
                    };
                }
                else
                {
                    if (choices is not null)
                        d.Error("choices", "used only by a categorical scale");
                    var min = d.Number("min", required: true);
                    var max = d.Number("max", required: true);
                    dimension = min is { } lo && max is { } hi ? Numeric(d, h, kind, lo, hi) : null;
                }
                d.Finish();
                return dimension;
            default:
                errors.Add(new SpecError(path, $"expected a mapping with min and max, or a list of choices, got {node.Describe()} (to set one value, put it under fixed)"));
                return null;
        }
    }

    private Dimension? Numeric(SpecReader d, Hyperparameter h, ScaleKind kind, double min, double max)
    {
        if (h.IsCategorical)
        {
            d.Error("scale", $"{h.Name} is categorical: give choices from {string.Join(", ", h.Choices!)}");
            return null;
        }
        if (h.IsInteger && kind is ScaleKind.Linear or ScaleKind.Log or ScaleKind.OneMinusLog)
        {
            d.Error("scale", $"{h.Name} takes integers: use int, int-log or choices");
            return null;
        }
        var dimension = Build(d.Path, () => kind switch
        {
            ScaleKind.Linear => Dimension.Linear(h.Name, min, max),
            ScaleKind.Log => Dimension.Log(h.Name, min, max),
            ScaleKind.OneMinusLog => Dimension.OneMinusLog(h.Name, min, max),
            ScaleKind.Int => Dimension.Int(h.Name, min, max),
            _ => Dimension.IntLog(h.Name, min, max),
        });
        if (dimension is null)
            return null;
        var problems = 0;
        foreach (var (bound, x) in new[] { ("min", min), ("max", max) })
        {
            if (h.Check(x) is { } problem)
            {
                d.Error(bound, problem);
                problems++;
            }
        }
        return problems == 0 ? dimension : null;
    }

    private Dimension? Categorical(string path, Hyperparameter h, SpecList list)
    {
        var names = new List<string>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (list.Items[i] is not SpecScalar { Text: { } text })
            {
                errors.Add(new SpecError(itemPath, $"expected a value, got {list.Items[i].Describe()}"));
                continue;
            }
            if (ReadValue(itemPath, h, list.Items[i]) is not null)
                names.Add(text);
        }
        if (names.Count < list.Items.Count)
            return null;
        var dimensionPath = path.EndsWith(".choices", StringComparison.Ordinal) ? path[..^".choices".Length] : path;
        return Build(dimensionPath, () => Dimension.Categorical(h.Name, names));
    }

    /// <summary>One value of <paramref name="h"/>: a name for a categorical hyperparameter, else a number, checked against what the network accepts.</summary>
    private ParameterValue? ReadValue(string path, Hyperparameter h, SpecNode node)
    {
        ParameterValue value;
        if (h.IsCategorical && node is SpecScalar { Text: { } name })
            value = name;
        else if (!h.IsCategorical && SpecReader.ParseNumber(node) is { } x)
            value = x;
        else
        {
            errors.Add(new SpecError(path, $"expected {(h.IsCategorical ? "a name" : "a number")}, got {node.Describe()}"));
            return null;
        }
        if (h.Check(value) is { } problem)
        {
            var hint = h.Choices is { } choices ? DidYouMean.Hint(value.Choice, choices) : "";
            errors.Add(new SpecError(path, problem + (hint.StartsWith(" (did", StringComparison.Ordinal) ? hint : "")));
            return null;
        }
        return value;
    }

    // A scale's message starts "name: min must ..." and belongs under space.name.min.
    private Dimension? Build(string path, Func<Dimension> build)
    {
        try
        {
            return build();
        }
        catch (SearchSpaceException e)
        {
            var message = e.Message[(e.Message.IndexOf(": ", StringComparison.Ordinal) + 2)..];
            if (message.StartsWith("min ", StringComparison.Ordinal) || message.StartsWith("max ", StringComparison.Ordinal))
                errors.Add(new SpecError($"{path}.{message[..3]}", message[4..]));
            else if (message.Contains("choice", StringComparison.Ordinal))
                errors.Add(new SpecError($"{path}.choices", message));
            else
                errors.Add(new SpecError(path, message));
            return null;
        }
    }

    private static Dimension? Required(SpecReader d, string key)
    {
        d.Error(key, "required");
        return null;
    }

    private static void Unused(SpecReader d, string key, string message)
    {
        d.Node(key);
        d.Error(key, message);
    }

    // Exponential decay multiplies by (1 − decay) each epoch, so a decay of 1 or more would zero or flip the rate.
    private void CheckExponentialDecay(List<Dimension> dimensions, Dictionary<string, ParameterValue> @fixed)
    {
        var schedule = dimensions.FirstOrDefault(d => d.Name == Hyperparameters.DecaySchedule.Name);
        var exponential = schedule?.Scale is CategoricalScale c
            ? c.Choices.Contains("exponential")
            : @fixed.TryGetValue(Hyperparameters.DecaySchedule.Name, out var s) && s.Choice == "exponential";
        if (!exponential)
            return;
        const string message = "must be < 1 with the exponential decay schedule (it is the fraction of the rate lost per epoch)";
        var name = Hyperparameters.LearningRateDecay.Name;
        var decay = dimensions.FirstOrDefault(d => d.Name == name);
        if (decay is not null && decay.Scale is not CategoricalScale && SpecNames.Describe(decay.Scale).Max >= 1)
            errors.Add(new SpecError($"space.{name}.max", message));
        else if (@fixed.TryGetValue(name, out var v) && v.Number >= 1)
            errors.Add(new SpecError($"fixed.{name}", message));
        else if (decay?.Scale is CategoricalScale choices && choices.Choices.Any(x => double.Parse(x, CultureInfo.InvariantCulture) >= 1))
            errors.Add(new SpecError($"space.{name}.choices", message));
    }

    // A β that none of the study's optimizers reads, or a decay under no schedule, would be searched or fixed for nothing:
    // every option a spec accepts must act. One the chosen optimizers read only some of the time is fine (it is
    // conditional, and coarse to fine leaves it alone on the trials where it did not act).
    private void CheckActs(List<Dimension> dimensions, Dictionary<string, ParameterValue> @fixed)
    {
        var optimizers = Settings(Hyperparameters.Optimizer, dimensions, @fixed);
        var schedules = Settings(Hyperparameters.DecaySchedule, dimensions, @fixed);
        bool Acts(string name, IReadOnlyList<string> optimizerChoices) => optimizerChoices.Any(o => schedules.Any(s =>
            Hyperparameters.IsActive(name, h => h == Hyperparameters.Optimizer ? o : h == Hyperparameters.DecaySchedule ? s : h.Default)));
        var named = dimensions.Select(d => (Path: $"space.{d.Name}", d.Name)).Concat(@fixed.Keys.Select(n => (Path: $"fixed.{n}", Name: n)));
        foreach (var (path, name) in named.Where(n => !Acts(n.Name, optimizers)))
        {
            var readers = Hyperparameters.Optimizer.Choices!.Where(o => Acts(name, [o])).ToList();
            errors.Add(new SpecError(path, readers.Count > 0
                ? $"does nothing: only the {string.Join(" and ", readers)} optimizer{(readers.Count == 1 ? "" : "s")} read{(readers.Count == 1 ? "s" : "")} it, and this study's optimizer is {Listed(optimizers, Hyperparameters.Optimizer, dimensions, @fixed)}"
                : $"does nothing: it acts only under a decay schedule, and decay_schedule is {Listed(schedules, Hyperparameters.DecaySchedule, dimensions, @fixed)}"));
        }
    }

    // The values a setting takes in this study: its searched choices, its fixed value, or its default.
    private static IReadOnlyList<string> Settings(Hyperparameter h, List<Dimension> dimensions, Dictionary<string, ParameterValue> @fixed) =>
        dimensions.FirstOrDefault(d => d.Name == h.Name)?.Scale is CategoricalScale c ? [.. c.Choices]
        : @fixed.TryGetValue(h.Name, out var v) ? [v.Choice]
        : [h.Default.Choice];

    private static string Listed(IReadOnlyList<string> values, Hyperparameter h, List<Dimension> dimensions, Dictionary<string, ParameterValue> @fixed) =>
        dimensions.Any(d => d.Name == h.Name) ? $"searched among {string.Join(", ", values)}"
        : @fixed.ContainsKey(h.Name) ? $"{values[0]} (fixed)"
        : $"{values[0]} (the default; set {h.Name} to change it)";
}
