using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Tuning.Grains;

namespace Orleans.Tuning.Client.Hosting;

/// <summary>A one-silo cluster inside this process: localhost clustering, in-memory grain state and reminders.</summary>
/// <remarks>
/// The default for <c>tune run</c>: nothing to install, and the study lives exactly as long as the command.
/// Ports are picked free so two runs (or two tests) on one machine each form their own cluster.
/// </remarks>
internal sealed class EmbeddedCluster : ITuningCluster
{
    // A port picked free can be taken by someone else before the silo binds it; a fresh pick then almost surely works.
    private const int PortAttempts = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly IHost host;

    private EmbeddedCluster(IHost host) => this.host = host;

    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="slots">Training slots of the silo's pool (rounds trained at once).</param>
    /// <param name="logFile">Where warnings and errors go; the terminal stays for the live view.</param>
    /// <param name="datasets">The datasets the command already loaded and checked; the silo trains from them.</param>
    public static async Task<EmbeddedCluster> StartAsync(int slots, string logFile, DatasetCache datasets, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            var host = Build(slots, logFile, datasets);
            try
            {
                await host.StartAsync(cancellation);
                return new EmbeddedCluster(host);
            }
            catch (Exception e) when (attempt < PortAttempts && IsPortTaken(e))
            {
                host.Dispose();
            }
            catch
            {
                host.Dispose();
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await host.StopAsync(timeout.Token);
        }
        finally
        {
            host.Dispose();
        }
    }

    private static IHost Build(int slots, string logFile, DatasetCache datasets)
    {
        var ports = FreePorts.Pick(2);
        // The empty builder reads no appsettings and adds no console logger: the embedded silo is an implementation detail.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(new FileLoggerProvider(logFile));
        // The command owns Ctrl-C (first: cancel the study and still write results); the default console
        // lifetime would stop the silo on the same key press, before the results are fetched.
        builder.Services.AddSingleton<IHostLifetime, CommandOwnedLifetime>();
        builder.Services.AddSingleton(datasets);
        builder.UseOrleans(silo => silo.UseEmbeddedTuning(siloPort: ports[0], gatewayPort: ports[1], o => o.Slots = slots));
        return builder.Build();
    }

    private static bool IsPortTaken(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                return true;
        }
        return false;
    }

    /// <summary>A host lifetime that listens to no signal: the command starts and stops the host.</summary>
    private sealed class CommandOwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
