using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Specs;

/// <summary>The dataset: a CSV file, or IDX images with their IDX labels; a test part held out from every decision, and a share of the rest for validation. Or, instead of data, a synthetic objective.</summary>
/// <param name="TestFraction">The share held out for test when there is no test file (0: no test part).</param>
/// <param name="TestPath">The dataset's official test file, when it has one (then TestFraction is 0).</param>
/// <param name="Synthetic">The name of a synthetic objective (<see cref="Synthetic.SyntheticObjective.All"/>) evaluated instead of training; then there is no data and Path is empty.</param>
public sealed record DataSpec(string Path, string? LabelsPath = null, double ValidationFraction = 0.2, double TestFraction = 0.2, string? TestPath = null, string? TestLabelsPath = null,
    string? Synthetic = null)
{
    /// <summary>A study of the synthetic objective <paramref name="name"/>: nothing to load, split or hold out.</summary>
    public static DataSpec OfSynthetic(string name) => new("", TestFraction: 0, Synthetic: name);


    /// <summary>The test part of a study seeded by <paramref name="seed"/>: the same rows for every trial and re-test.</summary>
    public TestPart Test(int seed) => new(TestFraction, TestPath, TestLabelsPath, seed);
}
