using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Orleans.Tuning.Testing;

/// <summary>One real silo process (src/Silo) on loopback, configured by environment variables, its output kept; ended by its PID, never by name.</summary>
public sealed class SiloProcess : IDisposable
{
    private const int SigCont = 18;
    private const int SigStop = 19;
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    public int Pid => _process.Id;

    public int SiloPort { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the silo has printed so far, standard output and error as they came.</summary>
    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>A silo of the cluster <paramref name="clusterId"/> (its service id too) on PostgreSQL; <paramref name="settings"/> go over these.</summary>
    public static SiloProcess Postgres(string connectionString, string clusterId, int siloPort, int gatewayPort, int slots = 1,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Tuning__Storage"] = "postgres",
            ["Tuning__ConnectionString"] = connectionString,
            ["Tuning__ClusterId"] = clusterId,
            ["Tuning__ServiceId"] = clusterId,
            ["Tuning__GatewayPort"] = Text(gatewayPort),
            ["Tuning__Slots"] = Text(slots),
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        return Start(siloPort, all);
    }

    /// <summary>A lone silo on memory storage with one training slot and its health endpoints, as outside Kubernetes whatever machine runs it.</summary>
    public static SiloProcess InMemory(int healthPort, int siloPort, int gatewayPort, bool dashboard = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tuning__Storage"] = "memory",
            ["Tuning__GatewayPort"] = Text(gatewayPort),
            ["Tuning__HealthPort"] = Text(healthPort),
            ["Tuning__Slots"] = "1",
            ["Logging__LogLevel__Default"] = "Warning",
            // Set inside a pod (a CI runner may be one), it makes the silo a Kubernetes silo, which refuses memory storage.
            ["KUBERNETES_SERVICE_HOST"] = null,
        };
        if (dashboard) settings["Tuning__Dashboard"] = "true";
        return Start(siloPort, settings);
    }

    /// <summary>The silo with <paramref name="settings"/> over the environment it inherits; a null value removes that variable.</summary>
    public static SiloProcess Start(int siloPort, IReadOnlyDictionary<string, string?> settings)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.SiloDll);
        info.Environment["Tuning__SiloPort"] = Text(siloPort);
        foreach (var (k, v) in settings)
            if (v is null) info.Environment.Remove(k);
            else info.Environment[k] = v;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo");
        var silo = new SiloProcess(process, siloPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>kill -9 (SIGKILL: no shutdown, no goodbye to the cluster); returns the UTC time just before the signal.</summary>
    public DateTime Kill()
    {
        var at = DateTime.UtcNow;
        _process.Kill();
        _process.WaitForExit();
        return at;
    }

    /// <summary>SIGSTOP: the process hangs, sockets open, answering nothing.</summary>
    public void Freeze() => Signal(SigStop);

    public void Thaw() => Signal(SigCont);

    /// <summary>The first 200 from <paramref name="path"/> within the time, else the last status seen (null: nothing answered); gives up early if the silo exited.</summary>
    public async Task<HttpStatusCode?> Poll(HttpClient http, string path, TimeSpan patience)
    {
        HttpStatusCode? last = null;
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline && !HasExited)
        {
            try
            {
                last = (await http.GetAsync(path)).StatusCode;
                if (last == HttpStatusCode.OK) return last;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        return last;
    }

    /// <summary>A loopback port free at the time of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _ = kill(_process.Id, SigCont); // it may have exited since: nothing to thaw then
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }

    private void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0) throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
