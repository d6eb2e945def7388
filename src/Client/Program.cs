using Orleans.Tuning.Client.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("tune");
    config.AddCommand<TrainCommand>("train")
        .WithDescription("Train one network with fixed hyperparameters and print its validation accuracy.")
        .WithExample("train", "data/digits.csv", "--layers", "2", "--hidden", "64");
});
return await app.RunAsync(args);
