namespace Orleans.Tuning.Client.Tests.Commands;

public class HelpTests
{
    // Spectre reads option descriptions as markup: a stray [ ] breaks a command's help at run time, not at build time.
    [Theory]
    [InlineData("run")]
    [InlineData("validate")]
    [InlineData("train")]
    public async Task Every_command_prints_its_help(string command)
    {
        var (exitCode, output) = await Tune.Run(command, "--help");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains($"tune {command}", output);
    }
}
