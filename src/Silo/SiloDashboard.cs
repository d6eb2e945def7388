namespace Orleans.Tuning.Silo;

/// <summary>Where Orleans' dashboard is served when <see cref="SiloSettings.Dashboard"/> is on.</summary>
public static class SiloDashboard
{
    public const string Path = "/dashboard";
}
