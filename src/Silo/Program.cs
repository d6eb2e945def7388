// The silo host. Everything environment-specific comes from configuration: appsettings.json, environment
// variables (Tuning__Storage=postgres, Tuning__Slots=4, Tuning__SiloPort=11112) or the command line.
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Tuning.Grains;
using Orleans.Tuning.Grains.Hosting;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.LinearAlgebra;
using Orleans.Tuning.Silo;

var builder = Host.CreateApplicationBuilder(args);
var settings = builder.Configuration.GetSection("Tuning").Get<SiloSettings>() ?? new SiloSettings();
if (settings.Problems() is { Count: > 0 } problems)
{
    foreach (var problem in problems) Console.Error.WriteLine($"tuning-silo: {problem}");
    return 2;
}

builder.UseOrleans(silo =>
{
    void Slots(TrainingPoolOptions o) => o.Slots = settings.Slots;
    silo.Services.AddOptions<StudyOptions>().Bind(builder.Configuration.GetSection("Tuning:Study"));
    if (settings.Storage == StorageKind.Memory)
    {
        silo.UseEmbeddedTuning(settings.SiloPort, settings.GatewayPort, Slots);
        return;
    }
    silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
    silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
    silo.UsePostgresTuning(settings.ConnectionString!, Slots);
    silo.UseFastFailureDetection();
});

Console.WriteLine($"tuning-silo: {settings.Storage} storage, cluster {settings.ClusterId}, silo port {settings.SiloPort}, " +
                  $"gateway {settings.GatewayPort}, {settings.Slots} training slots, matrix provider {Gemm.Provider}");
await builder.Build().RunAsync();
return 0;
