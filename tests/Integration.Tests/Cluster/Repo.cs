namespace Orleans.Tuning.Integration.Tests.Cluster;

/// <summary>The repository this test assembly was built in, and the binaries the tests run.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string SiloDll => Path.Combine(Root, "src", "Silo", "bin", Configuration, "net10.0", "tuning-silo.dll");

    public static string TuneDll => Path.Combine(Root, "src", "Client", "bin", Configuration, "net10.0", "tune.dll");

    public static string Data(string file) => Path.Combine(Root, "data", file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Orleans.Tuning.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Orleans.Tuning.sln above {AppContext.BaseDirectory}");
    }
}
