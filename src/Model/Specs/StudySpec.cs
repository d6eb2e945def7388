using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>A validated study: what to search, on which data, how, and for how long. Build it with <see cref="StudySpecParser"/>.</summary>
/// <param name="Fixed">Hyperparameters set to one value for every trial; those neither searched nor fixed take their defaults.</param>
/// <param name="WarmStart">Trials of an earlier study the model-based sampler starts from; null: a cold start.</param>
/// <param name="GenerationSize">Trials sampled per generation (under caviar, in whole populations); the region narrows coarse-to-fine between generations. Defaults to the population size.</param>
public sealed record StudySpec(
    string Name,
    DataSpec Data,
    SearchSpace Space,
    IReadOnlyDictionary<string, ParameterValue> Fixed,
    StudyStrategy Strategy,
    BudgetSpec Budget,
    ObjectiveSpec Objective,
    StoppingSpec Stopping,
    PopulationSpec Population,
    int GenerationSize,
    RetestSpec Retest,
    int Seed,
    SamplerSpec Sampler,
    WarmStartSpec? WarmStart = null)
{
    /// <summary>The spec as JSON with every default written out; it parses back, without the file system, to an equal spec.</summary>
    /// <remarks>Grains receive this text, so the data path in it is whatever <see cref="StudySpecParser.Load"/> resolved it to.</remarks>
    public string ToNormalizedText() => SpecWriter.Write(this);

    // SearchSpace and dictionaries compare by reference; a spec compares by what it says.
    public bool Equals(StudySpec? other) =>
        other is not null
        && Name == other.Name
        && Data == other.Data
        && Space.Dimensions.SequenceEqual(other.Space.Dimensions)
        && Fixed.Count == other.Fixed.Count
        && Fixed.All(f => other.Fixed.TryGetValue(f.Key, out var v) && v == f.Value)
        && Strategy == other.Strategy
        && Budget == other.Budget
        && Objective == other.Objective
        && Stopping == other.Stopping
        && Population == other.Population
        && GenerationSize == other.GenerationSize
        && Retest == other.Retest
        && Seed == other.Seed
        && Sampler == other.Sampler
        && WarmStart == other.WarmStart;

    public override int GetHashCode() => HashCode.Combine(Name, Data, Space.Count, Fixed.Count, Budget, Seed);
}
