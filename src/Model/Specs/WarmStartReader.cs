using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>
/// Reads <c>warm_start:</c> — a results folder (<c>warm_start: results/earlier</c>), a study of the cluster
/// (<c>warm_start: { study: ID }</c>, read by the client), or the trials themselves, as the normalized spec carries them.
/// </summary>
internal sealed class WarmStartReader(List<SpecError> errors)
{
    private const string Key = "warm_start";

    public WarmStartSpec? Read(SpecReader root, SearchSpace? space, ObjectiveSpec objective, string? baseDirectory)
    {
        switch (root.Node(Key))
        {
            case null:
                return null;
            case SpecScalar { Text: { } folder }:
                return space is null ? null : FromFolder(root, folder, space, objective, baseDirectory);
            case SpecMap map:
                var options = new SpecReader(map, root.PathOf(Key), errors);
                var study = options.Text("study");
                if (study is not null)
                {
                    foreach (var key in options.Keys.Where(k => k != "study"))
                    {
                        options.Node(key);
                        options.Error(key, "not used with warm_start.study (the client reads that study's trials)");
                    }
                    return new WarmStartSpec($"study {study}", [], 0, study);
                }
                var inline = space is null ? null : Inline(options, space);
                options.Finish();
                return inline;
            case var other:
                root.Wrong<WarmStartSpec>(Key, "a results folder, or a mapping with study", other);
                return null;
        }
    }

    /// <summary>The sampler must learn from history for earlier trials to mean anything.</summary>
    public void CheckSampler(SpecReader root, WarmStartSpec? warmStart, SamplerSpec sampler, ObjectiveSpec objective)
    {
        if (warmStart is not null && sampler.Kind is not (SamplerKind.Tpe or SamplerKind.GaussianProcess or SamplerKind.CmaEs))
            root.Error(Key, $"applies only to the model-based samplers (tpe, gp, cma-es); the {sampler.Name} sampler does not learn from earlier trials");
        else if (warmStart is not null && objective.HasCost)
            root.Error(Key, "applies to one objective only: an earlier study's trials carry no cost to place them on a Pareto front");
    }

    private WarmStartSpec? FromFolder(SpecReader root, string folder, SearchSpace space, ObjectiveSpec objective, string? baseDirectory)
    {
        if (baseDirectory is null)
        {
            root.Error(Key, "a results folder is read relative to the spec's file; load the spec from a file");
            return null;
        }
        var full = Path.GetFullPath(Path.Combine(baseDirectory, folder));
        IReadOnlyList<EarlierTrial> trials;
        try
        {
            trials = ResultsFolderReader.Read(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            root.Error(Key, e.Message);
            return null;
        }
        var (warmStart, error) = EarlierTrials.ToWarmStart(full, trials, space, objective);
        if (error is not null)
            root.Error(Key, error);
        return warmStart;
    }

    // { source, dropped, trials: [ { score, <dimension>: value, ... } ] }: what the normalized spec writes.
    private WarmStartSpec? Inline(SpecReader options, SearchSpace space)
    {
        var source = options.Text("source") ?? "the spec";
        var dropped = options.Int("dropped", min: 0) ?? 0;
        if (options.Node("trials", required: true) is not { } node)
            return null;
        if (node is not SpecList list)
            return options.Wrong<WarmStartSpec>("trials", "a list of trials, each with score and a value per dimension", node);
        var trials = new List<PriorTrial>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = $"{options.PathOf("trials")}[{i}]";
            if (list.Items[i] is not SpecMap map)
            {
                errors.Add(new SpecError(path, $"expected a mapping with score and a value per dimension, got {list.Items[i].Describe()}"));
                continue;
            }
            if (Trial(new SpecReader(map, path, errors), space) is { } trial)
                trials.Add(trial);
        }
        return new WarmStartSpec(source, trials, dropped);
    }

    private PriorTrial? Trial(SpecReader t, SearchSpace space)
    {
        var score = t.Number("score", required: true);
        var values = new List<KeyValuePair<string, ParameterValue>>();
        foreach (var d in space.Dimensions)
        {
            var node = t.Node(d.Name, required: true);
            if (node is not SpecScalar { Text: { } text })
                continue;
            ParameterValue value = d.Scale is CategoricalScale ? text : SpecReader.ParseNumber(node) ?? double.NaN;
            try
            {
                d.Scale.ToUnit(value);
                values.Add(KeyValuePair.Create(d.Name, value));
            }
            catch (ArgumentException e)
            {
                t.Error(d.Name, $"outside space.{d.Name}: {e.Message.Split(" (Parameter")[0]}");
            }
        }
        t.Finish();
        return score is { } s && values.Count == space.Count ? new PriorTrial(new Configuration(values), s) : null;
    }
}
