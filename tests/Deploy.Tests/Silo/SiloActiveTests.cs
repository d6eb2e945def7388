using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;
using Orleans.Tuning.Silo.Health;

namespace Orleans.Tuning.Deploy.Tests.Silo;

public sealed class SiloActiveTests
{
    [Fact]
    public async Task Ready_from_the_active_stage_until_shutdown_begins()
    {
        var lifecycle = new RecordingLifecycle();
        var check = new SiloActive();
        check.Participate(lifecycle);
        var (stage, observer) = Assert.Single(lifecycle.Observers);
        Assert.Equal(ServiceLifecycleStage.Active, stage);

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await observer.OnStart(CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await observer.OnStop(CancellationToken.None);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private sealed class RecordingLifecycle : ISiloLifecycle
    {
        public List<(int Stage, ILifecycleObserver Observer)> Observers { get; } = [];
        public int HighestCompletedStage => 0;
        public int LowestStoppedStage => 0;

        public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
        {
            Observers.Add((stage, observer));
            return new NoSubscription();
        }

        private sealed class NoSubscription : IDisposable { public void Dispose() { } }
    }
}
