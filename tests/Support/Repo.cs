namespace Orleans.Tuning.Testing;

/// <summary>
/// The repository this assembly was built in, and the binaries run from it. This library is built in the
/// configuration of the project referencing it, so a Release test or benchmark runs the Release silo.
/// </summary>
public static class Repo
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

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => System.IO.File.ReadAllText(File(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Orleans.Tuning.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"no Orleans.Tuning.sln above {AppContext.BaseDirectory}");
    }
}
