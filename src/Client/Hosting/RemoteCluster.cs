using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Tuning.Grains.Hosting;

namespace Orleans.Tuning.Client.Hosting;

/// <summary>A connection to a running cluster through its PostgreSQL membership table.</summary>
internal sealed class RemoteCluster : ITuningCluster
{
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(10);
    private readonly IHost host;

    private RemoteCluster(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IClusterClient>();

    /// <exception cref="ClusterUnreachableException">No silo answered within a few seconds, or the database could not be read.</exception>
    public static async Task<RemoteCluster> ConnectAsync(ClusterSettings settings, CancellationToken cancellation)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Critical);
        var deadline = DateTime.UtcNow + ConnectPatience;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = settings.ClusterId; o.ServiceId = settings.ServiceId; });
            client.UsePostgresTuning(settings.ConnectionString!);
            // Retry while silos may still be starting, then give up with a message rather than hang.
            client.UseConnectionRetryFilter(async (_, token) =>
            {
                if (DateTime.UtcNow > deadline) return false;
                await Task.Delay(TimeSpan.FromMilliseconds(500), token);
                return true;
            });
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellation);
            return new RemoteCluster(host);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            host.Dispose();
            throw new ClusterUnreachableException($"cannot reach cluster '{settings.ClusterId}': {Innermost(e).Message}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await host.StopAsync(); }
        finally { host.Dispose(); }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner && e is AggregateException or OrleansException ? Innermost(inner) : e;
}

internal sealed class ClusterUnreachableException(string message) : Exception(message);
