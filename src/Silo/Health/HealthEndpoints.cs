using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Orleans.Tuning.Silo.Health;

/// <summary>/health/live and /health/ready, the two URLs Kubernetes probes, on their own port.</summary>
public static class HealthEndpoints
{
    public const string Live = "/health/live";
    public const string Ready = "/health/ready";
    private const string ReadyTag = "ready";

    /// <summary>Every interface inside a pod (the kubelet calls the pod's IP); loopback anywhere else.</summary>
    public static void ListenForHealth(this IWebHostBuilder web, SiloSettings settings) =>
        web.ConfigureKestrel(kestrel => kestrel.Listen(settings.Pod is null ? IPAddress.Loopback : IPAddress.Any, settings.HealthPort));

    public static IServiceCollection AddSiloHealth(this IServiceCollection services)
    {
        services.AddSingleton<SiloActive>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SiloActive>());
        services.AddHealthChecks().AddCheck<SiloActive>("silo-active", tags: [ReadyTag]);
        return services;
    }

    public static void MapSiloHealth(this WebApplication app)
    {
        // Liveness runs no check at all: it answers while the process serves requests. It never touches the database,
        // so an outage of PostgreSQL cannot make the kubelet restart every silo at once.
        app.MapHealthChecks(Live, new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks(Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }
}
