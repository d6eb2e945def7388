// The silo host. Everything environment-specific comes from configuration: appsettings.json,
// environment variables (Tuning__Slots=4, Orleans__SiloPort=11111) or the command line.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Tuning.Grains;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.LinearAlgebra;

var builder = Host.CreateApplicationBuilder(args);
var config = builder.Configuration;

builder.UseOrleans(silo =>
{
    silo.UseEmbeddedTuning(
        siloPort: config.GetValue("Orleans:SiloPort", 11111),
        gatewayPort: config.GetValue("Orleans:GatewayPort", 30000),
        o => o.Slots = config.GetValue("Tuning:Slots", Environment.ProcessorCount));
    silo.Services.AddOptions<StudyOptions>().Bind(config.GetSection("Tuning:Study"));
});

Console.WriteLine($"matrix provider: {Gemm.Provider}");
await builder.Build().RunAsync();
