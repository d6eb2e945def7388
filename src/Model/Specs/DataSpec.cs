using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Specs;

/// <summary>The dataset: a CSV file, or IDX images with their IDX labels; a test part held out from every decision, and a share of the rest for validation.</summary>
/// <param name="TestFraction">The share held out for test when there is no test file (0: no test part).</param>
/// <param name="TestPath">The dataset's official test file, when it has one (then TestFraction is 0).</param>
public sealed record DataSpec(string Path, string? LabelsPath = null, double ValidationFraction = 0.2, double TestFraction = 0.2, string? TestPath = null, string? TestLabelsPath = null)
{
    /// <summary>The test part of a study seeded by <paramref name="seed"/>: the same rows for every trial and re-test.</summary>
    public TestPart Test(int seed) => new(TestFraction, TestPath, TestLabelsPath, seed);
}
