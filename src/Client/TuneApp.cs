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
            config.AddCommand<SubmitCommand>("submit")
                .WithDescription("Start a study on a cluster and print its id.")
                .WithExample("submit", "examples/digits.yaml", "--cluster", "Host=127.0.0.1;Port=55432;Username=postgres;Database=orleans_tuning");
            config.AddCommand<WatchCommand>("watch")
                .WithDescription("Watch a study on a cluster live; Ctrl-C stops watching and leaves it running.");
            config.AddCommand<ListCommand>("list")
                .WithDescription("List the studies in a cluster's database.");
            config.AddCommand<CancelCommand>("cancel")
                .WithDescription("Cancel a study on a cluster; what it learned stays for export.");
            config.AddCommand<ExportCommand>("export")
                .WithDescription("Write results.csv and best.json of a study from the cluster's database (no silo needed).");
            config.AddCommand<TrainCommand>("train")
                .WithDescription("Train one network with fixed hyperparameters and print its validation accuracy.")
                .WithExample("train", "data/digits.csv", "--layers", "2", "--hidden", "64");
        });
        return app;
    }
}
