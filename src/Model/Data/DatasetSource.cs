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

    /// <summary>Refuses a path that is missing or a folder, naming which, before a loader tries to open it.</summary>
    internal static void RequireFile(string path)
    {
        var file = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));
        if (Directory.Exists(path))
            throw new DataFormatException($"{file}: is a folder, not a file ({Path.GetFullPath(path)})");
        if (!File.Exists(path))
            throw new DataFormatException($"{file}: file not found ({Path.GetFullPath(path)})");
    }

    /// <summary>How messages name the dataset: the file, or the images and labels files of an IDX pair.</summary>
    public static string DisplayName(string path, string? labelsPath) =>
        labelsPath is null ? Path.GetFileName(path) : $"{Path.GetFileName(path)} + {Path.GetFileName(labelsPath)}";
}
