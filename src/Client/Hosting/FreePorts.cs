using System.Net;
using System.Net.Sockets;

namespace Orleans.Tuning.Client.Hosting;

/// <summary>Localhost ports nobody listens on right now, so parallel runs (and parallel tests) each get their own silo.</summary>
internal static class FreePorts
{
    /// <summary><paramref name="count"/> distinct ports; all listeners stay open until every port is picked, so none repeats.</summary>
    public static int[] Pick(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        try
        {
            foreach (var listener in listeners)
                listener.Start();
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            foreach (var listener in listeners)
                listener.Stop();
        }
    }
}
