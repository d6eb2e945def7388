namespace Orleans.Tuning.Client.Tests;

/// <summary>A scratch folder for hand-made spec files and command output, removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string FullPath { get; } = Directory.CreateTempSubdirectory("orleans-tuning-client-tests-").FullName;

    public string File(string name, string contents)
    {
        var path = Path.Combine(FullPath, name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    public string Sub(string name) => Path.Combine(FullPath, name);

    public void Dispose() => Directory.Delete(FullPath, recursive: true);
}
