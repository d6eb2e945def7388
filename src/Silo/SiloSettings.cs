using Microsoft.Extensions.Configuration;

namespace Orleans.Tuning.Silo;

public enum StorageKind { Memory, Postgres }

/// <summary>Everything about a silo that differs between a laptop, a test and Kubernetes: the "Tuning" configuration section.</summary>
/// <remarks>Set in appsettings.json or as environment variables (<c>Tuning__Storage=postgres</c>, <c>Tuning__Slots=4</c>).</remarks>
public sealed class SiloSettings
{
    /// <summary>memory: a one-silo cluster on localhost with nothing stored (a demo); postgres: membership, state and reminders in PostgreSQL.</summary>
    public StorageKind Storage { get; set; } = StorageKind.Memory;

    /// <summary>The Npgsql connection string when <see cref="Storage"/> is postgres.</summary>
    public string? ConnectionString { get; set; }

    public string ClusterId { get; set; } = "tuning";
    public string ServiceId { get; set; } = "orleans-tuning";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this one at; loopback unless the machine is shared with others.</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Rounds trained at once: one per core by default.</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// The HTTP port of /health/live and /health/ready. 0 (the default) lets the system pick a free one, so several
    /// silos on one machine never collide; Kubernetes probes need a fixed one.
    /// </summary>
    public int HealthPort { get; set; }

    /// <summary>
    /// Serves Orleans' dashboard at /dashboard and the study page at /studies/ beside the health endpoints (their port;
    /// loopback outside Kubernetes). They have no authentication of their own, so they are off unless asked for.
    /// </summary>
    public bool Dashboard { get; set; }

    /// <summary>Set when the process runs in a Kubernetes pod (KUBERNETES_SERVICE_HOST is set); not configurable.</summary>
    public KubernetesPod? Pod { get; private set; }

    /// <summary>
    /// The "Tuning" section, and inside Kubernetes what the pod says about itself: Orleans' Kubernetes hosting takes the
    /// cluster identity and the address from ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID and POD_IP, and so do we, so the
    /// membership table, the log line and the pod's labels can never disagree.
    /// </summary>
    public static SiloSettings From(IConfiguration configuration)
    {
        var settings = configuration.GetSection("Tuning").Get<SiloSettings>() ?? new SiloSettings();
        settings.Pod = KubernetesPod.From(configuration);
        if (settings.Pod is { } pod)
        {
            settings.ClusterId = pod.ClusterId ?? settings.ClusterId;
            settings.ServiceId = pod.ServiceId ?? settings.ServiceId;
            settings.AdvertisedAddress = pod.Ip ?? settings.AdvertisedAddress;
        }
        return settings;
    }

    /// <summary>Every problem with the settings, as configuration paths a person can fix.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Storage == StorageKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
            problems.Add("Tuning:ConnectionString: required when Tuning:Storage is postgres");
        if (Slots < 1) problems.Add($"Tuning:Slots: must be at least 1, got {Slots}");
        if (SiloPort is < 1 or > 65535) problems.Add($"Tuning:SiloPort: not a port: {SiloPort}");
        if (GatewayPort is < 1 or > 65535) problems.Add($"Tuning:GatewayPort: not a port: {GatewayPort}");
        if (HealthPort is < 0 or > 65535) problems.Add($"Tuning:HealthPort: not a port: {HealthPort}");
        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _)) problems.Add($"Tuning:AdvertisedAddress: not an IP address: '{AdvertisedAddress}'");
        if (Pod is not null) problems.AddRange(Pod.Problems(this));
        return problems;
    }
}
