using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>
/// Trials of an earlier study that a model-based sampler learns from before its first suggestion. They are not
/// trials of this study: they cost no budget, never rank, and are carried in the spec itself, so a study grain that
/// replays its events from the spec rebuilds the same sampler history.
/// </summary>
/// <param name="Source">Where they came from (a results folder, a study id), for the summary.</param>
/// <param name="Trials">The earlier trials that fit this study's space, in their launch order.</param>
/// <param name="Dropped">Earlier trials left out: a value outside this space, or no finite score.</param>
/// <param name="Study">A study of the cluster still to be read by the client (<c>warm_start: { study: ID }</c>); null once read.</param>
public sealed record WarmStartSpec(string Source, IReadOnlyList<PriorTrial> Trials, int Dropped = 0, string? Study = null)
{
    public bool Equals(WarmStartSpec? other) =>
        other is not null && Source == other.Source && Dropped == other.Dropped && Study == other.Study && Trials.SequenceEqual(other.Trials);

    public override int GetHashCode() => HashCode.Combine(Source, Trials.Count, Dropped, Study);
}

/// <summary>One earlier trial: its values of this study's dimensions and its score under this study's objective (higher is better).</summary>
public sealed record PriorTrial(Configuration Values, double Score);
