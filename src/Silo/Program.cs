// The silo host. Everything environment-specific comes from configuration: appsettings.json, environment
// variables (Tuning__Storage=postgres, Tuning__Slots=4, Tuning__SiloPort=11112) or the command line; inside
// Kubernetes also from the pod (POD_NAME, POD_IP, ORLEANS_CLUSTER_ID ...: see KubernetesPod).
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Tuning.Grains;
using Orleans.Tuning.Grains.Hosting;
using Orleans.Tuning.Grains.Studies;
using Orleans.Tuning.Model.LinearAlgebra;
using Orleans.Tuning.Silo;
using Orleans.Tuning.Silo.Health;

var builder = WebApplication.CreateBuilder(args);
var settings = SiloSettings.From(builder.Configuration);
if (settings.Problems() is { Count: > 0 } problems)
{
    foreach (var problem in problems) Console.Error.WriteLine($"tuning-silo: {problem}");
    return 2;
}

builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = SiloShutdown.Timeout);
builder.WebHost.ListenForHealth(settings);
builder.Services.AddSiloHealth();
builder.UseOrleans(silo =>
{
    void Slots(TrainingPoolOptions o) => o.Slots = settings.Slots;
    if (settings.Dashboard) silo.AddDashboard();
    silo.Services.AddOptions<StudyOptions>().Bind(builder.Configuration.GetSection("Tuning:Study"));
    if (settings.Storage == StorageKind.Memory)
    {
        silo.UseEmbeddedTuning(settings.SiloPort, settings.GatewayPort, Slots);
        return;
    }
    silo.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
    silo.ConfigureEndpoints(IPAddress.Parse(settings.AdvertisedAddress), settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: settings.Pod is not null);
    silo.UsePostgresTuning(settings.ConnectionString!, Slots);
    silo.UseFastFailureDetection();
    if (settings.Pod is not null) silo.UseKubernetesHosting();
});

var app = builder.Build();
app.MapSiloHealth();
if (settings.Dashboard) app.MapDashboards();
await app.StartAsync();
Console.WriteLine($"tuning-silo: {settings.Storage} storage, cluster {settings.ClusterId}, silo port {settings.SiloPort}, " +
                  $"gateway {settings.GatewayPort}, {settings.Slots} training slots, matrix provider {Gemm.Provider}, " +
                  $"health {string.Join(' ', app.Urls)}{HealthEndpoints.Ready}" +
                  (settings.Dashboard ? $", dashboard {string.Join(' ', app.Urls)}{SiloDashboard.Path}, studies {string.Join(' ', app.Urls)}{SiloDashboard.StudyPage}" : ""));
await app.WaitForShutdownAsync();
return 0;
