using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Orleans.Tuning.Silo.Health;

namespace Orleans.Tuning.Deploy.Tests.Silo;

/// <summary>The real silo (memory storage) started as a process, its probes called over HTTP as the kubelet would.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task The_started_silo_answers_live_at_once_and_ready_once_it_has_joined()
    {
        var health = FreePort();
        using var silo = Start(health, FreePort(), FreePort(), out var log);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(5) };
            var ready = await Poll(http, HealthEndpoints.Ready, TimeSpan.FromSeconds(60), silo);
            Assert.True(ready == HttpStatusCode.OK, $"ready: {ready}\n{log}");
            var live = await http.GetAsync(HealthEndpoints.Live);
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/health")).StatusCode);
        }
        finally
        {
            if (!silo.HasExited) { silo.Kill(); silo.WaitForExit(); }
        }
    }

    [Fact]
    public async Task Outside_Kubernetes_the_endpoints_listen_on_loopback_only()
    {
        var health = FreePort();
        using var silo = Start(health, FreePort(), FreePort(), out var log);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(5) };
            Assert.NotNull(await Poll(http, HealthEndpoints.Live, TimeSpan.FromSeconds(60), silo));
            var other = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
            if (other is null) return; // a machine with loopback only: nothing else to try
            using var client = new TcpClient();
            await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(other, health));
        }
        finally
        {
            if (!silo.HasExited) { silo.Kill(); silo.WaitForExit(); }
        }
    }

    [Fact]
    public async Task With_Tuning_Dashboard_on_the_silo_serves_the_Orleans_dashboard_beside_its_health_endpoints_and_not_otherwise()
    {
        var health = FreePort();
        using var silo = Start(health, FreePort(), FreePort(), out var log, dashboard: true);
        var plainHealth = FreePort();
        using var plain = Start(plainHealth, FreePort(), FreePort(), out var plainLog);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(10) };
            Assert.True(await Poll(http, HealthEndpoints.Ready, TimeSpan.FromSeconds(60), silo) == HttpStatusCode.OK, log.ToString());
            var page = await http.GetAsync(Orleans.Tuning.Silo.SiloDashboard.Path + "/");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync());
            Assert.Contains($"dashboard http://127.0.0.1:{health}{Orleans.Tuning.Silo.SiloDashboard.Path}", log.ToString());

            using var plainHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{plainHealth}"), Timeout = TimeSpan.FromSeconds(10) };
            Assert.True(await Poll(plainHttp, HealthEndpoints.Ready, TimeSpan.FromSeconds(60), plain) == HttpStatusCode.OK, plainLog.ToString());
            Assert.Equal(HttpStatusCode.NotFound, (await plainHttp.GetAsync(Orleans.Tuning.Silo.SiloDashboard.Path + "/")).StatusCode);
        }
        finally
        {
            foreach (var p in new[] { silo, plain }) if (!p.HasExited) { p.Kill(); p.WaitForExit(); }
        }
    }

    private static Process Start(int healthPort, int siloPort, int gatewayPort, out StringBuilder log, bool dashboard = false)
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

    /// <summary>The first 200 within the time, else the last status seen (null: nothing answered).</summary>
    private static async Task<HttpStatusCode?> Poll(HttpClient http, string path, TimeSpan patience, Process silo)
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
