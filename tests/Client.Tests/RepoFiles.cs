namespace Orleans.Tuning.Client.Tests;

/// <summary>Files of the repository, found from wherever the test assembly runs.</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    public static string Root => RootFolder.Value;

    public static string Iris => Path.Combine(Root, "data", "iris.csv");

    private static string FindRoot()
    {
        // Walk up because bin/Release/net10.0 sits at a different depth under IDEs, CI and worktrees.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Tuning.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException($"no Orleans.Tuning.sln above {AppContext.BaseDirectory}");
    }
}
