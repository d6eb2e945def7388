using Microsoft.Extensions.Configuration;

namespace Orleans.Tuning.Silo;

/// <summary>What a pod's environment (the downward API) tells its silo; read by Orleans' Kubernetes hosting too.</summary>
public sealed record KubernetesPod(string? Name, string? Namespace, string? Ip, string? ClusterId, string? ServiceId)
{
    /// <summary>The pod this process runs in, or null outside Kubernetes (where the hosting would fail to start).</summary>
    public static KubernetesPod? From(IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["KUBERNETES_SERVICE_HOST"])) return null;
        string? Read(string name) => string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name];
        return new KubernetesPod(Read("POD_NAME"), Read("POD_NAMESPACE"), Read("POD_IP"), Read("ORLEANS_CLUSTER_ID"), Read("ORLEANS_SERVICE_ID"));
    }

    /// <summary>What Orleans' hosting or the kubelet's probes would otherwise only report after the silo failed to start.</summary>
    public IEnumerable<string> Problems(SiloSettings settings)
    {
        if (Name is null) yield return "POD_NAME: required inside Kubernetes (downward API: metadata.name)";
        if (Namespace is null) yield return "POD_NAMESPACE: required inside Kubernetes (downward API: metadata.namespace)";
        if (Ip is null) yield return "POD_IP: required inside Kubernetes (downward API: status.podIP)";
        if (settings.Storage != StorageKind.Postgres) yield return "Tuning:Storage: must be postgres inside Kubernetes (memory is a one-silo demo on loopback)";
        if (settings.HealthPort == 0) yield return "Tuning:HealthPort: required inside Kubernetes (the probes call a fixed port)";
    }
}
