using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Orleans.Tuning.Display.StudyPage;

/// <summary>The study page and the two reads behind it, under one path: mapped by <c>tune run --dashboard</c> at / and by a silo at /studies.</summary>
/// <remarks>
/// The page's script asks for <c>api/studies</c> relative to the page, so the same page works under any path;
/// the path without its trailing slash redirects to the path with it, where those relative addresses resolve.
/// </remarks>
public static class StudyPageEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="path">"/" or a path like "/studies"; the page is then at "/studies/".</param>
    public static void MapStudyPage(this IEndpointRouteBuilder endpoints, string path, IStudySource source)
    {
        var page = endpoints.MapGroup(path.TrimEnd('/'));
        // Routing matches /studies and /studies/ alike; only the second lets the page's relative addresses resolve.
        page.MapGet("/", (HttpContext http) => http.Request.Path.Value?.EndsWith('/') == true
            ? Results.Content(StudyPageHtml.Page, "text/html; charset=utf-8")
            : Results.Redirect(http.Request.PathBase + http.Request.Path + "/" + http.Request.QueryString));
        page.MapGet("/api/studies", async () => Results.Json(await source.List(), Json));
        // Only a listed study is read: asking a grain of any other id would activate an empty study for it.
        page.MapGet("/api/studies/{id}", async (string id) => (await source.List()).Contains(id)
            ? Results.Json(StudyPageModel.From(await source.Results(id)), Json)
            : Results.NotFound($"no study {id}"));
    }
}
