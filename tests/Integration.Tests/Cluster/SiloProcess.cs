using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Orleans.Tuning.Integration.Tests.Cluster;

/// <summary>One real silo process (src/Silo) on loopback; ended by its PID, never by name.</summary>
internal sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private SiloProcess(Process process, int siloPort)
    {
        _process = process;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Log { get { lock (_log) return _log.ToString(); } }

    public static SiloProcess Start(string connectionString, string clusterId, int siloPort, int gatewayPort, int slots = 1)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.SiloDll);
        info.Environment["Tuning__Storage"] = "postgres";
        info.Environment["Tuning__ConnectionString"] = connectionString;
        info.Environment["Tuning__ClusterId"] = clusterId;
        info.Environment["Tuning__ServiceId"] = clusterId;
        info.Environment["Tuning__SiloPort"] = siloPort.ToString();
        info.Environment["Tuning__GatewayPort"] = gatewayPort.ToString();
        info.Environment["Tuning__Slots"] = slots.ToString();
        // Small, so a study that moves to a survivor restores an engine snapshot and replays only the events after it.
        info.Environment["Tuning__Study__SnapshotMinEvents"] = "8";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Orleans.Tuning"] = "Information";
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo");
        var silo = new SiloProcess(process, siloPort);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>kill -9: no shutdown, no goodbye to the cluster.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGSTOP: the process hangs, sockets open, answering nothing.</summary>
    public void Freeze() => Signal(19);

    public void Thaw() => Signal(18);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Thaw();
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
    }

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
