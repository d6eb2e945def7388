namespace Orleans.Tuning.Model.Specs;

/// <summary>The dataset: a CSV file, or IDX images with their IDX labels; a share of it held out for validation.</summary>
public sealed record DataSpec(string Path, string? LabelsPath = null, double ValidationFraction = 0.2);
