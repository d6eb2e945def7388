using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Orleans.Tuning.Silo.Health;

/// <summary>Ready while the silo is an active member of its cluster: from joining until it starts to shut down.</summary>
/// <remarks>
/// A lifecycle stage, not a database query: the readiness probe then costs nothing, and a silo that lost its
/// database stays where Orleans' membership protocol puts it rather than being flapped by the kubelet.
/// </remarks>
public sealed class SiloActive : IHealthCheck, ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool active;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloActive), ServiceLifecycleStage.Active,
            _ => { active = true; return Task.CompletedTask; },
            // Stopping runs the stages in reverse, so this is the first thing a shutdown does: no new clients are sent here.
            _ => { active = false; return Task.CompletedTask; });

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(active
            ? HealthCheckResult.Healthy("active in the cluster")
            : HealthCheckResult.Unhealthy("not an active member of the cluster (joining or shutting down)"));
}
