using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orleans.Tuning.Client.Dashboard;

/// <summary>A small web server on the loopback address: the list of studies, and a page per study that polls its trials and curves.</summary>
/// <remarks>
/// Loopback only: the page shows what a study trains on and how, and there is no login. The page is one
/// file with its script inline, so there is nothing to build and nothing fetched from elsewhere.
/// </remarks>
internal sealed class StudyPageServer : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        app.MapGet("/", () => Microsoft.AspNetCore.Http.Results.Content(StudyPageHtml.Page, "text/html; charset=utf-8"));
        app.MapGet("/api/studies", async () => Microsoft.AspNetCore.Http.Results.Json(await source.List(), Json));
        app.MapGet("/api/studies/{id}", async (string id) => Microsoft.AspNetCore.Http.Results.Json(StudyPageModel.From(await source.Results(id)), Json));
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
