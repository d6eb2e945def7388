namespace Orleans.Tuning.Deploy.Tests;

/// <summary>The repository this test assembly was built in.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string SiloDll => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0", "tuning-silo.dll");

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => System.IO.File.ReadAllText(File(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Orleans.Tuning.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Orleans.Tuning.sln above {AppContext.BaseDirectory}");
    }
}
