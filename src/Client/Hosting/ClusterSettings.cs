using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orleans.Tuning.Client.Hosting;

/// <summary>How a command finds a running cluster: the PostgreSQL database its silos keep their membership in.</summary>
internal class ClusterSettings : CommandSettings
{
    public const string EnvironmentVariable = "TUNING_CLUSTER";

    [CommandOption("--cluster <CONNECTION>"), Description($"Npgsql connection string of the cluster's database (default: ${EnvironmentVariable})")]
    public string? Cluster { get; init; }

    [CommandOption("--cluster-id <ID>"), Description("The cluster's id (default: tuning)"), DefaultValue("tuning")]
    public string ClusterId { get; init; } = "tuning";

    [CommandOption("--service-id <ID>"), Description("The cluster's service id (default: orleans-tuning)"), DefaultValue("orleans-tuning")]
    public string ServiceId { get; init; } = "orleans-tuning";

    public string? ConnectionString => Cluster ?? Environment.GetEnvironmentVariable(EnvironmentVariable);

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? ValidationResult.Error($"no cluster given: pass --cluster \"Host=...;Database=...\" or set {EnvironmentVariable}")
            : ValidationResult.Success();
}

/// <summary>A command that names one study of a cluster.</summary>
internal class StudySettings : ClusterSettings
{
    [CommandArgument(0, "<STUDY-ID>"), Description("The study's id, as `submit` printed it or `list` shows it")]
    public string StudyId { get; init; } = "";
}
