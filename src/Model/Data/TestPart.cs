namespace Orleans.Tuning.Model.Data;

/// <summary>Where a study's test part comes from: a share of the data held out by a fixed seed, or a test file of its own.</summary>
/// <param name="Fraction">The share of each class held out for test when there is no test file; 0 for no test part.</param>
/// <param name="Path">An official test file (CSV, or IDX images with <paramref name="LabelsPath"/>); it wins over the fraction.</param>
/// <param name="Seed">Fixes the held-out rows: every trial and re-test of a study sees the same test part, and never trains on it.</param>
public sealed record TestPart(double Fraction, string? Path, string? LabelsPath, int Seed)
{
    public static TestPart None { get; } = new(0, null, null, 0);

    public bool IsEmpty => Path is null && Fraction <= 0;
}
