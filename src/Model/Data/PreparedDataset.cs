namespace Orleans.Tuning.Model.Data;

/// <summary>A dataset split into training, validation and (for a study) test parts, all standardised with the training part's statistics.</summary>
/// <param name="Test">Held out from every decision: only the chosen configuration meets it, once, at the end. Null when there is none.</param>
public sealed record PreparedDataset(Dataset Train, Dataset Validation, Dataset? Test = null)
{
    /// <summary>
    /// Loads <paramref name="path"/> (a CSV, or IDX images with <paramref name="labelsPath"/>), checks it, holds out the
    /// <paramref name="test"/> part, splits the rest stratified by <paramref name="seed"/>, checks the split and
    /// standardises it. Every problem is a <see cref="DataFormatException"/>: a dataset that loads is one a network can learn from.
    /// </summary>
    /// <param name="seed">The train/validation split; a re-test passes a fresh one, while the test part stays fixed by its own seed.</param>
    public static PreparedDataset Load(string path, string? labelsPath, double validationFraction, int seed, TestPart? test = null)
    {
        var data = DatasetSource.Load(path, labelsPath);
        var name = DatasetSource.DisplayName(path, labelsPath);
        ThrowIfAny(DatasetCheck.Whole(data, name));
        Dataset? testPart = null;
        if (test is { Path: { } testPath })
        {
            testPart = TestFile(data, testPath, test.LabelsPath);
        }
        else if (test is { Fraction: > 0 })
        {
            // The held-out rows depend on the test seed only, so a fresh train/validation split never reaches them.
            (data, testPart) = DataSplit.Stratified(data, test.Fraction, test.Seed);
            if (testPart.Count == 0)
                throw new DataFormatException([$"{name}: {data.Count} rows are too few for test_fraction {test.Fraction:0.###}: the test part has no rows"]);
        }
        var (train, validation) = DataSplit.Stratified(data, validationFraction, seed);
        ThrowIfAny(DatasetCheck.Split(train, validation, validationFraction, name));
        // Fitted on the training part only, so nothing about the validation or test samples leaks into training.
        var standardizer = Standardizer.Fit(train);
        return new PreparedDataset(standardizer.Apply(train), standardizer.Apply(validation), testPart is null ? null : standardizer.Apply(testPart));
    }

    public int FeatureCount => Train.FeatureCount;

    public int ClassCount => Train.ClassCount;

    public int Rows => Train.Count + Validation.Count + (Test?.Count ?? 0);

    private static Dataset TestFile(Dataset data, string path, string? labelsPath)
    {
        var test = DatasetSource.Load(path, labelsPath);
        var name = DatasetSource.DisplayName(path, labelsPath);
        if (test.FeatureCount != data.FeatureCount)
            throw new DataFormatException([$"{name}: the test file has {test.FeatureCount} features, the data {data.FeatureCount}"]);
        if (test.ClassCount > data.ClassCount)
            throw new DataFormatException([$"{name}: the test file has labels up to {test.ClassCount - 1}, the data only up to {data.ClassCount - 1}"]);
        // The network's outputs follow the training data's classes.
        return new Dataset(test.Features, test.Labels, test.FeatureCount, data.ClassCount, test.Source);
    }

    private static void ThrowIfAny(IReadOnlyList<string> problems)
    {
        if (problems.Count > 0) throw new DataFormatException(problems);
    }
}
