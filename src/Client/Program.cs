using Orleans.Tuning.Client;
using Spectre.Console;

using var cancellation = new ConsoleCancellation();
return await TuneApp.Create(AnsiConsole.Console).RunAsync(args, cancellation.Token);
