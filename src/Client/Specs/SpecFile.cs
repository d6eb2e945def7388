using Orleans.Tuning.Model.Specs;
using Spectre.Console;

namespace Orleans.Tuning.Client.Specs;

/// <summary>Loads and validates a spec file for a command, printing every problem as <c>file: path: message</c>.</summary>
internal static class SpecFile
{
    /// <summary>The validated spec, or null after the errors were printed (the command then exits with <see cref="ExitCodes.InvalidSpec"/>).</summary>
    public static StudySpec? TryLoad(string path, IAnsiConsole console)
    {
        var file = Path.GetFileName(path);
        try
        {
            return StudySpecParser.Load(path);
        }
        catch (SpecException e)
        {
            foreach (var error in e.Errors)
                console.PlainLine($"{file}: {error}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.PlainLine($"{file}: cannot read the spec: {e.Message}");
        }
        return null;
    }
}
