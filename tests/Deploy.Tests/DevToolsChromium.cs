using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Tuning.Deploy.Tests;

/// <summary>Debian's Chromium, headless, driven through the DevTools protocol: open a page, then read it as often as needed while it runs.</summary>
/// <remarks>
/// A test of a live page has to look twice at the same page, before and after something happens in the cluster, in
/// real time; this is the protocol's smallest part that does it: Page.navigate and Runtime.evaluate over one WebSocket.
/// The flags keep Chromium off the network it would otherwise try (updates, sync), which this machine refuses.
/// </remarks>
internal sealed class DevToolsChromium : IAsyncDisposable
{
    public const string Path = "/usr/bin/chromium";

    private readonly Process chromium;
    private readonly DirectoryInfo profile;
    private readonly ClientWebSocket socket;
    private int lastId;

    private DevToolsChromium(Process chromium, DirectoryInfo profile, ClientWebSocket socket)
    {
        this.chromium = chromium;
        this.profile = profile;
        this.socket = socket;
    }

    public static async Task<DevToolsChromium> StartAsync(CancellationToken cancellation)
    {
        var profile = Directory.CreateTempSubdirectory("tuning-chromium-");
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
            $"--user-data-dir={profile.FullName}", "about:blank",
        }) start.ArgumentList.Add(flag);
        var chromium = Process.Start(start)!;
        // Drained, or a chatty browser blocks on a full pipe.
        _ = chromium.StandardOutput.ReadToEndAsync(cancellation);
        _ = chromium.StandardError.ReadToEndAsync(cancellation);
        try
        {
            // Chromium writes the port it picked into the profile once it listens.
            var portFile = System.IO.Path.Combine(profile.FullName, "DevToolsActivePort");
            while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
            {
                if (chromium.HasExited) throw new InvalidOperationException($"chromium exited with {chromium.ExitCode} before listening");
                await Task.Delay(100, cancellation);
            }
            var port = int.Parse((await File.ReadAllLinesAsync(portFile, cancellation))[0]);
            using var http = new HttpClient();
            var targets = await http.GetFromJsonAsync<JsonArray>($"http://127.0.0.1:{port}/json/list", cancellation);
            var page = targets!.First(t => (string?)t!["type"] == "page")!;
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), cancellation);
            return new DevToolsChromium(chromium, profile, socket);
        }
        catch
        {
            chromium.Kill(entireProcessTree: true);
            profile.Delete(recursive: true);
            throw;
        }
    }

    /// <summary>Opens the page and returns once it has loaded (Page.navigate itself answers before the new document exists).</summary>
    public async Task Navigate(Uri page, CancellationToken cancellation)
    {
        await Send("Page.navigate", new JsonObject { ["url"] = page.ToString() }, cancellation);
        var loaded = $"location.href === {JsonSerializer.Serialize(page.ToString())} && document.readyState === 'complete'";
        while (!await Loaded())
            await Task.Delay(50, cancellation);

        async Task<bool> Loaded()
        {
            try { return (bool)(await Evaluate(loaded, cancellation))!; }
            catch (InvalidOperationException) { return false; } // asked between the old document and the new: "context destroyed"
        }
    }

    /// <summary>The value of a script expression in the page (a JSON-serializable value: build strings or arrays in the script).</summary>
    public async Task<JsonNode?> Evaluate(string expression, CancellationToken cancellation)
    {
        var reply = await Send("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, cancellation);
        if (reply["exceptionDetails"] is { } failure) throw new InvalidOperationException($"the page's script failed: {failure.ToJsonString()}");
        return reply["result"]!["value"]?.DeepClone();
    }

    private async Task<JsonNode> Send(string method, JsonObject parameters, CancellationToken cancellation)
    {
        var id = ++lastId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, endOfMessage: true, cancellation);
        // Events may arrive in between; the reply is the message carrying our id.
        while (true)
        {
            var reply = JsonNode.Parse(await Receive(cancellation))!;
            if ((int?)reply["id"] != id) continue;
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]!;
        }
    }

    private async Task<string> Receive(CancellationToken cancellation)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult part;
        do
        {
            part = await socket.ReceiveAsync(buffer, cancellation);
            if (part.MessageType == WebSocketMessageType.Close) throw new InvalidOperationException("chromium closed the DevTools connection");
            message.Write(buffer, 0, part.Count);
        } while (!part.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        socket.Dispose();
        if (!chromium.HasExited) chromium.Kill(entireProcessTree: true);
        await chromium.WaitForExitAsync();
        chromium.Dispose();
        try { profile.Delete(recursive: true); }
        catch (IOException) { } // a child still closing its files: the temp folder is the system's to clean
    }
}
