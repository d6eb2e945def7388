namespace Orleans.Tuning.Model.Data;

/// <summary>Loads a dataset by path, choosing the CSV or IDX loader so callers need not know the format.</summary>
public static class DatasetSource
{
    /// <summary>
    /// A <c>.csv</c> path loads with <see cref="CsvDataset"/>; anything else is taken as IDX images and needs
    /// <paramref name="labelsPath"/>, the matching IDX labels file.
    /// </summary>
    public static Dataset Load(string path, string? labelsPath = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            if (labelsPath is not null)
                throw new ArgumentException("a CSV dataset carries its labels in the 'label' column; pass no labels path", nameof(labelsPath));
            return CsvDataset.Load(path);
        }
        if (labelsPath is null)
            throw new ArgumentException($"{Path.GetFileName(path)} is not a .csv file, so it is read as IDX images and needs a labels file", nameof(labelsPath));
        return IdxDataset.Load(path, labelsPath);
    }
}
