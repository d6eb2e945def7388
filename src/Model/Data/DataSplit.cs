namespace Orleans.Tuning.Model.Data;

/// <summary>Splits a dataset into training and validation parts that keep each class's share.</summary>
public static class DataSplit
{
    /// <summary>
    /// Puts about <paramref name="validationFraction"/> of every class into validation (rounded per class, so each
    /// class is within one sample of its exact share); a class with at least two samples always lands on both sides.
    /// Rows keep their original order within each part. The same seed always yields the same split.
    /// </summary>
    public static (Dataset Train, Dataset Validation) Stratified(Dataset data, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        // Written as a negation so NaN is rejected too.
        if (!(validationFraction > 0 && validationFraction < 1))
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "must be strictly between 0 and 1");

        var byClass = IndicesByClass(data);
        var random = new Random(seed);
        var inValidation = new bool[data.Count];
        var validationCount = 0;

        // Classes are visited in label order and shuffled with one generator, so the draw sequence depends only on the seed.
        foreach (var indices in byClass)
        {
            random.Shuffle(indices);
            var take = ValidationShare(indices.Length, validationFraction);
            for (var i = 0; i < take; i++) inValidation[indices[i]] = true;
            validationCount += take;
        }

        var trainRows = new int[data.Count - validationCount];
        var validationRows = new int[validationCount];
        for (int i = 0, t = 0, v = 0; i < data.Count; i++)
        {
            if (inValidation[i]) validationRows[v++] = i;
            else trainRows[t++] = i;
        }

        var tag = $"seed {seed}, validation {validationFraction:0.###}";
        return (Gather(data, trainRows, $"{data.Source} [train; {tag}]"),
                Gather(data, validationRows, $"{data.Source} [validation; {tag}]"));
    }

    private static int ValidationShare(int classSize, double fraction)
    {
        // A singleton cannot be on both sides; training is where it is useful.
        if (classSize < 2) return 0;
        var share = (int)Math.Round(classSize * fraction, MidpointRounding.AwayFromZero);
        return Math.Clamp(share, 1, classSize - 1);
    }

    private static int[][] IndicesByClass(Dataset data)
    {
        var counts = new int[data.ClassCount];
        foreach (var label in data.Labels) counts[label]++;

        var byClass = new int[data.ClassCount][];
        for (var c = 0; c < byClass.Length; c++) byClass[c] = new int[counts[c]];

        var filled = new int[data.ClassCount];
        for (var i = 0; i < data.Count; i++)
        {
            var label = data.Labels[i];
            byClass[label][filled[label]++] = i;
        }
        return byClass;
    }

    private static Dataset Gather(Dataset data, int[] rows, string source)
    {
        var d = data.FeatureCount;
        var features = new float[rows.Length * d];
        var labels = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            data.Row(rows[i]).CopyTo(features.AsSpan(i * d, d));
            labels[i] = data.Labels[rows[i]];
        }
        // ClassCount is kept from the whole dataset so both parts agree on the number of outputs.
        return new Dataset(features, labels, d, data.ClassCount, source);
    }
}
