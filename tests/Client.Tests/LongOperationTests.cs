using Spectre.Console.Testing;

namespace Orleans.Tuning.Client.Tests;

public class LongOperationTests
{
    [Fact]
    public void On_a_terminal_the_spinner_follows_each_step()
    {
        using var console = new TestConsole().Interactive();
        console.EmitAnsiSequences = true;

        var result = LongOperation.Run(console, "writing results", step => { step("history.png"); step("report.html"); return 42; });

        Assert.Equal(42, result);
        Assert.Contains("writing results: history.png", console.Output);
        Assert.Contains("writing results: report.html", console.Output);
    }

    [Fact]
    public void In_a_log_there_is_no_spinner()
    {
        using var console = new TestConsole();

        var result = LongOperation.Run(console, "writing results", step => { step("history.png"); return 7; });

        Assert.Equal(7, result);
        Assert.Equal("", console.Output);
    }
}
