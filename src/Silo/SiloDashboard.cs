using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Dashboard;
using Orleans.Tuning.Display.StudyPage;

namespace Orleans.Tuning.Silo;

/// <summary>What a silo serves when <see cref="SiloSettings.Dashboard"/> is on: Orleans' dashboard, and beside it the study page.</summary>
/// <remarks>
/// The study page reads through the grains (the study directory, then each study's results), as <c>tune run --dashboard</c>
/// does: the grains are the one home of a study's state whatever the storage, memory or PostgreSQL, and every silo can
/// reach every study through them.
/// </remarks>
public static class SiloDashboard
{
    public const string Path = "/dashboard";

    /// <summary>The study page; with <c>?study=ID</c>, one study's trials and curves.</summary>
    public const string StudyPage = "/studies/";

    public static void MapDashboards(this WebApplication app)
    {
        app.MapOrleansDashboard(routePrefix: Path);
        app.MapStudyPage(StudyPage, new GrainStudySource(app.Services.GetRequiredService<IGrainFactory>()));
    }
}
