namespace Orleans.Tuning.Model.Tests;

/// <summary>Finds the repository's shipped datasets from wherever the test assembly runs.</summary>
internal static class TestData
{
    private static readonly Lazy<string> DataFolder = new(FindDataFolder);

    /// <summary>The full path of <paramref name="relative"/> inside the repository's <c>data/</c> folder.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(DataFolder.Value, relative);

    private static string FindDataFolder()
    {
        // Walk up because bin/Release/net10.0 sits at a different depth under IDEs, CI and worktrees.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var data = System.IO.Path.Combine(dir.FullName, "data");
            if (File.Exists(System.IO.Path.Combine(data, "digits.csv")))
                return data;
        }
        throw new DirectoryNotFoundException($"no data/digits.csv above {AppContext.BaseDirectory}");
    }
}
