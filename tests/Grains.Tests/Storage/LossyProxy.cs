using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Tuning.Grains.Tests.Storage;

/// <summary>A TCP relay to PostgreSQL that, once armed, loses the answer to one statement after the server has carried it out.</summary>
/// <remarks>
/// The server answers a statement of the extended protocol when it reaches the Sync that follows it, after the
/// implicit transaction has committed; cutting the connection at the first byte of that answer is a write that
/// landed but whose acknowledgement never came back, as a network failure at the wrong moment would make it.
/// </remarks>
public sealed class LossyProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _host;
    private readonly int _port;
    private readonly CancellationTokenSource _stop = new();
    private byte[]? _armed;
    private int _answersLost;

    public LossyProxy(string host, int port)
    {
        (_host, _port) = (host, port);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int AnswersLost => Volatile.Read(ref _answersLost);

    /// <summary>The next request that contains <paramref name="statementText"/> is carried out, and its answer lost.</summary>
    public void LoseTheAnswerTo(string statementText) => Volatile.Write(ref _armed, Encoding.UTF8.GetBytes(statementText));

    private async Task AcceptAsync()
    {
        try
        {
            while (true) _ = RelayAsync(await _listener.AcceptTcpClientAsync(_stop.Token));
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var accepted = client;
        using var server = new TcpClient();
        await server.ConnectAsync(_host, _port, _stop.Token);
        var doomed = false;
        var requests = PumpAsync(accepted.GetStream(), server.GetStream(), chunk =>
        {
            // Marked before the request goes on, so its answer cannot overtake the mark.
            if (Volatile.Read(ref _armed) is { } armed && chunk.Span.IndexOf(armed) >= 0
                && Interlocked.CompareExchange(ref _armed, null, armed) == armed)
                Volatile.Write(ref doomed, true);
            return true;
        });
        var answers = PumpAsync(server.GetStream(), accepted.GetStream(), _ =>
        {
            if (!Volatile.Read(ref doomed)) return true;
            Interlocked.Increment(ref _answersLost);
            return false;
        });
        // Either side closing, or a lost answer, ends both: the client sees the connection break.
        await Task.WhenAny(requests, answers);
    }

    // Copies until a side closes or `forward` refuses a chunk.
    private async Task PumpAsync(NetworkStream from, NetworkStream to, Func<ReadOnlyMemory<byte>, bool> forward)
    {
        var buffer = new byte[81920];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token);
                if (n == 0 || !forward(buffer.AsMemory(0, n))) return;
                await to.WriteAsync(buffer.AsMemory(0, n), _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException) { }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
