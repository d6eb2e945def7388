using Spectre.Console;

namespace Orleans.Tuning.Client.Hosting;

/// <summary>Runs a command's work against the cluster its settings name, turning an unreachable cluster into one line and an exit code.</summary>
internal static class ClusterCommand
{
    public static async Task<int> Run(IAnsiConsole console, ClusterSettings settings, CancellationToken cancellation, Func<ITuningCluster, Task<int>> work)
    {
        RemoteCluster cluster;
        try
        {
            cluster = await RemoteCluster.ConnectAsync(settings, cancellation);
        }
        catch (ClusterUnreachableException e)
        {
            console.PlainLine($"error: {e.Message}");
            return ExitCodes.Unreachable;
        }
        await using (cluster)
        {
            try
            {
                return await work(cluster);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                console.PlainLine($"error: {e.Message}");
                return ExitCodes.Failed;
            }
        }
    }
}
