using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Tuning.Display.StudyPage;

namespace Orleans.Tuning.Client.Dashboard;

/// <summary>A small web server on the loopback address for <c>tune run --dashboard</c>: the study page at its root.</summary>
/// <remarks>
/// Loopback only: the page shows what a study trains on and how, and there is no login. A silo serves the same
/// page beside Orleans' dashboard (src/Silo); here there is no silo web app to join, so the page gets its own.
/// </remarks>
internal sealed class StudyPageServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private StudyPageServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="port">0 picks a free port.</param>
    public static async Task<StudyPageServer> StartAsync(IStudySource source, int port, CancellationToken cancellation)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // the terminal belongs to the live view
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapStudyPage("/", source);
        await app.StartAsync(cancellation);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StudyPageServer(app, new Uri(bound));
    }

    /// <summary>The page of one study.</summary>
    public Uri PageOf(string studyId) => new(Address, $"/?study={Uri.EscapeDataString(studyId)}");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
