using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Orleans.Tuning.Grains.Tests.Storage;

/// <summary>A TCP relay to PostgreSQL that, once armed, loses the answer to one statement after the server has carried it out.</summary>
/// <remarks>
/// The server answers a statement once its transaction has committed (ReadyForQuery); the proxy cuts the connection
/// at that moment instead of passing the answer on: a write that landed but whose acknowledgement never came back,
/// as a network failure at the wrong moment would make it.
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
        var gate = new AnswerGate();
        var requests = PumpAsync(accepted.GetStream(), server.GetStream(), chunk =>
        {
            // Marked before the request goes on, so its answer cannot overtake the mark.
            if (Volatile.Read(ref _armed) is { } armed && chunk.Span.IndexOf(armed) >= 0
                && Interlocked.CompareExchange(ref _armed, null, armed) == armed)
                gate.Doomed = true;
            return (chunk, false);
        });
        var answers = PumpAsync(server.GetStream(), accepted.GetStream(), chunk =>
        {
            var (send, cut) = gate.Pass(chunk);
            if (cut) Interlocked.Increment(ref _answersLost);
            return (send, cut);
        });
        // Either side closing, or a lost answer, ends both: the client sees the connection break.
        await Task.WhenAny(requests, answers);
    }

    // Copies until a side closes or `pass` says to cut; `pass` decides which of the bytes read go on.
    private async Task PumpAsync(NetworkStream from, NetworkStream to, Func<ReadOnlyMemory<byte>, (ReadOnlyMemory<byte> Send, bool Cut)> pass)
    {
        var buffer = new byte[81920];
        try
        {
            while (true)
            {
                var n = await from.ReadAsync(buffer, _stop.Token);
                if (n == 0) return;
                var (send, cut) = pass(buffer.AsMemory(0, n));
                if (cut) return;
                if (!send.IsEmpty) await to.WriteAsync(send, _stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException) { }
    }

    /// <summary>The server's side of a connection: on a doomed one, holds back the answer to the marked statement.</summary>
    /// <remarks>
    /// Answers to anything sent before it (a pooled connection's reset, say) go on. The marked statement returns a
    /// row; from that row on nothing goes on, and the ReadyForQuery after it, which the server sends only once the
    /// transaction has committed, is the moment to cut.
    /// </remarks>
    private sealed class AnswerGate
    {
        private readonly List<byte> _held = [];
        private bool _rowSeen;

        public volatile bool Doomed;

        public (ReadOnlyMemory<byte> Send, bool Cut) Pass(ReadOnlyMemory<byte> chunk)
        {
            if (!Doomed) return (chunk, false);
            _held.AddRange(chunk.Span);
            // Whole messages only: a type byte, then a big-endian length that counts itself.
            int at = 0, send = 0;
            while (_held.Count - at >= 5)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(CollectionsMarshal.AsSpan(_held).Slice(at + 1, 4));
                if (_held.Count - at < 1 + length) break;
                var type = (char)_held[at];
                at += 1 + length;
                _rowSeen |= type == 'D';
                if (!_rowSeen) send = at;
                else if (type == 'Z') return (default, true);
            }
            var forward = _held.GetRange(0, send).ToArray();
            _held.RemoveRange(0, send);
            return (forward, false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
