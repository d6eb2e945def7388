using Orleans.Tuning.Client.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client;

/// <summary>The <c>tune</c> command line, built around a given console so tests run it in-process and read what it printed.</summary>
internal static class TuneApp
{
    public static CommandApp Create(IAnsiConsole console)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("tune");
            config.Settings.Console = console;
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run a study on a silo inside this process, watch it live, and write results.csv and best.json.")
                .WithExample("run", "examples/iris.yaml", "--slots", "2");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check a study spec and summarize what it would do; starts nothing.")
                .WithExample("validate", "examples/iris.yaml");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train one network with fixed hyperparameters and print its validation accuracy.")
                .WithExample("train", "data/digits.csv", "--layers", "2", "--hidden", "64");
        });
        return app;
    }
}
