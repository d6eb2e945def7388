using System.ComponentModel;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>Settings of the commands that read a study spec file (<c>validate</c>, <c>run</c>, later <c>submit</c>).</summary>
internal class SpecSettings : CommandSettings
{
    [CommandArgument(0, "<SPEC>"), Description("The study spec, YAML or JSON; data paths in it are relative to its folder")]
    public string Spec { get; init; } = "";
}
