using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Orleans.Tuning.Deploy.Tests.Silo;

/// <summary>The real silo (memory storage, one training slot) started as a process on free ports, its output kept for messages.</summary>
internal static class SiloProcess
{
    /// <summary>The tests that start silos: one at a time, since silos starting side by side on a small, busy machine can take minutes to join.</summary>
    public const string Collection = "silo processes";

    public static Process Start(int healthPort, int siloPort, int gatewayPort, out StringBuilder log, bool dashboard = false)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Repo.SiloDll);
        info.Environment["Tuning__Storage"] = "memory";
        info.Environment["Tuning__SiloPort"] = siloPort.ToString();
        info.Environment["Tuning__GatewayPort"] = gatewayPort.ToString();
        info.Environment["Tuning__HealthPort"] = healthPort.ToString();
        info.Environment["Tuning__Slots"] = "1";
        if (dashboard) info.Environment["Tuning__Dashboard"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment.Remove("KUBERNETES_SERVICE_HOST");
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the silo");
        var lines = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (lines) lines.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log = lines;
        return process;
    }

    public static void Stop(Process silo)
    {
        if (silo.HasExited) return;
        silo.Kill();
        silo.WaitForExit();
    }

    /// <summary>The first 200 within the time, else the last status seen (null: nothing answered).</summary>
    public static async Task<HttpStatusCode?> Poll(HttpClient http, string path, TimeSpan patience, Process silo)
    {
        HttpStatusCode? last = null;
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline && !silo.HasExited)
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

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(SiloProcess.Collection)]
public sealed class SiloProcessCollection;
