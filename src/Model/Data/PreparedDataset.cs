namespace Orleans.Tuning.Model.Data;

/// <summary>A dataset split into training and validation parts, both standardised with the training part's statistics.</summary>
public sealed record PreparedDataset(Dataset Train, Dataset Validation)
{
    /// <summary>
    /// Loads <paramref name="path"/> (a CSV, or IDX images with <paramref name="labelsPath"/>), checks it, splits it
    /// stratified, checks the split and standardises it. Every problem is a <see cref="DataFormatException"/>:
    /// a dataset that loads is one a network can learn from.
    /// </summary>
    public static PreparedDataset Load(string path, string? labelsPath, double validationFraction, int seed)
    {
        var data = DatasetSource.Load(path, labelsPath);
        var name = DatasetSource.DisplayName(path, labelsPath);
        ThrowIfAny(DatasetCheck.Whole(data, name));
        var (train, validation) = DataSplit.Stratified(data, validationFraction, seed);
        ThrowIfAny(DatasetCheck.Split(train, validation, validationFraction, name));
        // Fitted on the training part only, so nothing about the validation samples leaks into training.
        var standardizer = Standardizer.Fit(train);
        return new PreparedDataset(standardizer.Apply(train), standardizer.Apply(validation));
    }

    public int FeatureCount => Train.FeatureCount;

    public int ClassCount => Train.ClassCount;

    public int Rows => Train.Count + Validation.Count;

    private static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0) throw new DataFormatException(problems);
    }
}
