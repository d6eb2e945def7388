namespace Orleans.Tuning.Model.Tests;

/// <summary>A scratch folder for hand-made bad input files, removed when the test ends.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string FullPath { get; } = Directory.CreateTempSubdirectory("orleans-tuning-tests-").FullName;

    public string File(string name, string contents)
    {
        var path = Path.Combine(FullPath, name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    public string File(string name, byte[] contents)
    {
        var path = Path.Combine(FullPath, name);
        System.IO.File.WriteAllBytes(path, contents);
        return path;
    }

    public void Dispose() => Directory.Delete(FullPath, recursive: true);
}
