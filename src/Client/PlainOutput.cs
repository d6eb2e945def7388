using Spectre.Console;

namespace Orleans.Tuning.Client;

/// <summary>Lines written as they are, without markup or wrapping.</summary>
/// <remarks>
/// Errors and CI progress lines are read by people grepping logs and by tests: Spectre would wrap
/// them at 80 columns when output is redirected and read <c>[...]</c> in a path such as
/// <c>space.optimizer[1]</c> as markup.
/// </remarks>
internal static class PlainOutput
{
    public static void PlainLine(this IAnsiConsole console, string line) => console.Profile.Out.Writer.WriteLine(line);
}
