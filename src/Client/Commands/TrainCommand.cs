using System.ComponentModel;
using System.Diagnostics;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.LinearAlgebra;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Network.Optimizers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Commands;

/// <summary>`tune train DATA`: one network, fixed hyperparameters, validation accuracy per epoch.</summary>
internal sealed class TrainCommand : AsyncCommand<TrainCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<DATA>"), Description("A CSV (header, numeric features, last column `label`) or IDX images file")]
        public string Data { get; init; } = "";

        [CommandOption("--labels <PATH>"), Description("IDX labels file, when DATA is IDX images")]
        public string? Labels { get; init; }

        [CommandOption("--layers"), DefaultValue(2)] public int Layers { get; init; }
        [CommandOption("--hidden"), DefaultValue(64)] public int Hidden { get; init; }
        [CommandOption("--batch"), DefaultValue(32)] public int Batch { get; init; }
        [CommandOption("--epochs"), DefaultValue(15)] public int Epochs { get; init; }
        [CommandOption("--learning-rate"), DefaultValue(3e-3)] public double LearningRate { get; init; }
        [CommandOption("--optimizer"), DefaultValue("adam")] public string Optimizer { get; init; } = "adam";
        [CommandOption("--validation"), DefaultValue(0.2)] public double Validation { get; init; }
        [CommandOption("--seed"), DefaultValue(1)] public int Seed { get; init; }
    }

    public override Task<int> ExecuteAsync(CommandContext context, Settings s, CancellationToken cancellation)
    {
        AnsiConsole.MarkupLineInterpolated($"[grey]matrix provider: {Gemm.Provider}[/]");
        PreparedDataset data;
        Optimizer optimizer;
        try
        {
            data = PreparedDataset.Load(s.Data, s.Labels, s.Validation, s.Seed);
            optimizer = Optimizer.Create(s.Optimizer);
        }
        catch (DataFormatException e)
        {
            foreach (var problem in e.Problems) Console.WriteLine(problem);
            return Task.FromResult(ExitCodes.InvalidSpec);
        }
        catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"error: {e.Message}");
            return Task.FromResult(ExitCodes.InvalidSpec);
        }

        var trainer = new Trainer(
            new NetworkConfig(data.Train.FeatureCount, s.Layers, s.Hidden, data.Train.ClassCount),
            new TrainingConfig(s.Batch, s.LearningRate, optimizer, new NoDecay()),
            data.Train,
            (ulong)s.Seed);
        var clock = Stopwatch.StartNew();
        Evaluation validation = default;
        for (var e = 0; e < s.Epochs && !cancellation.IsCancellationRequested; e++)
        {
            var train = trainer.TrainEpoch();
            validation = trainer.Network.Evaluate(data.Validation);
            Console.WriteLine($"epoch {trainer.Epoch,3}  train loss {train.Loss:F4}  validation loss {validation.Loss:F4}  accuracy {validation.Accuracy:P2}");
        }
        Console.WriteLine($"validation accuracy {validation.Accuracy:P2} after {trainer.Epoch} epochs in {clock.Elapsed.TotalSeconds:F1}s");
        return Task.FromResult(0);
    }
}
