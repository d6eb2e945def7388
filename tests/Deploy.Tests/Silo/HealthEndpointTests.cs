using System.Net;
using System.Net.Sockets;
using Orleans.Tuning.Silo.Health;

namespace Orleans.Tuning.Deploy.Tests.Silo;

/// <summary>The real silo (memory storage) started as a process, its probes called over HTTP as the kubelet would.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task The_started_silo_answers_live_at_once_and_ready_once_it_has_joined()
    {
        var health = SiloProcess.FreePort();
        using var silo = SiloProcess.InMemory(health, SiloProcess.FreePort(), SiloProcess.FreePort());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(5) };
        var ready = await silo.Poll(http, HealthEndpoints.Ready, TimeSpan.FromSeconds(60));
        Assert.True(ready == HttpStatusCode.OK, $"ready: {ready}\n{silo.Log}");
        var live = await http.GetAsync(HealthEndpoints.Live);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Outside_Kubernetes_the_endpoints_listen_on_loopback_only()
    {
        var health = SiloProcess.FreePort();
        using var silo = SiloProcess.InMemory(health, SiloProcess.FreePort(), SiloProcess.FreePort());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(5) };
        Assert.NotNull(await silo.Poll(http, HealthEndpoints.Live, TimeSpan.FromSeconds(60)));
        var other = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        if (other is null) return; // a machine with loopback only: nothing else to try
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(other, health));
    }

    [Fact]
    public async Task With_Tuning_Dashboard_on_the_silo_serves_the_Orleans_dashboard_and_the_study_page_beside_its_health_endpoints_and_not_otherwise()
    {
        var health = SiloProcess.FreePort();
        using var silo = SiloProcess.InMemory(health, SiloProcess.FreePort(), SiloProcess.FreePort(), dashboard: true);
        var plainHealth = SiloProcess.FreePort();
        using var plain = SiloProcess.InMemory(plainHealth, SiloProcess.FreePort(), SiloProcess.FreePort());
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{health}"), Timeout = TimeSpan.FromSeconds(10) };
        Assert.True(await silo.Poll(http, HealthEndpoints.Ready, TimeSpan.FromSeconds(60)) == HttpStatusCode.OK, silo.Log);
        var page = await http.GetAsync(Orleans.Tuning.Silo.SiloDashboard.Path + "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<title>Orleans Dashboard</title>", await page.Content.ReadAsStringAsync());
        var studies = await http.GetAsync(Orleans.Tuning.Silo.SiloDashboard.StudyPage);
        Assert.Equal(HttpStatusCode.OK, studies.StatusCode);
        Assert.Contains("<title>Orleans.Tuning studies</title>", await studies.Content.ReadAsStringAsync());
        Assert.Contains($"dashboard http://127.0.0.1:{health}{Orleans.Tuning.Silo.SiloDashboard.Path}", silo.Log);

        using var plainHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{plainHealth}"), Timeout = TimeSpan.FromSeconds(10) };
        Assert.True(await plain.Poll(plainHttp, HealthEndpoints.Ready, TimeSpan.FromSeconds(60)) == HttpStatusCode.OK, plain.Log);
        Assert.Equal(HttpStatusCode.NotFound, (await plainHttp.GetAsync(Orleans.Tuning.Silo.SiloDashboard.Path + "/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await plainHttp.GetAsync(Orleans.Tuning.Silo.SiloDashboard.StudyPage)).StatusCode);
    }
}
