namespace Orleans.Tuning.Model.Data;

/// <summary>A dataset split into training and validation parts, both standardised with the training part's statistics.</summary>
public sealed record PreparedDataset(Dataset Train, Dataset Validation)
{
    /// <summary>Loads <paramref name="path"/> (a CSV, or IDX images with <paramref name="labelsPath"/>), splits it stratified, standardises it.</summary>
    public static PreparedDataset Load(string path, string? labelsPath, double validationFraction, int seed)
    {
        var (train, validation) = DataSplit.Stratified(DatasetSource.Load(path, labelsPath), validationFraction, seed);
        // Fitted on the training part only, so nothing about the validation samples leaks into training.
        var standardizer = Standardizer.Fit(train);
        return new PreparedDataset(standardizer.Apply(train), standardizer.Apply(validation));
    }
}
