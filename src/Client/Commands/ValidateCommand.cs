using Orleans.Tuning.Client.Specs;
using Orleans.Tuning.Grains;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>`tune validate SPEC`: every error in the spec and its dataset, or "ok" and what the study would do; starts nothing.</summary>
internal sealed class ValidateCommand(IAnsiConsole console) : Command<SpecSettings>
{
    public override int Execute(CommandContext context, SpecSettings settings, CancellationToken cancellation)
    {
        var spec = SpecFile.TryLoad(settings.Spec, console);
        if (spec is null)
            return ExitCodes.InvalidSpec;
        var data = StudyData.Check(spec, new DatasetCache(), console);
        if (data is null)
            return ExitCodes.InvalidSpec;
        console.PlainLine("ok");
        console.PlainLine(StudySummary.Describe(spec));
        console.PlainLine(data);
        return ExitCodes.Ok;
    }
}
