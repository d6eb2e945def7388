using k8s.Models;

namespace Orleans.Tuning.Deploy.Tests.Manifests;

/// <summary>Small readers over the object model, so the tests read as the rules they check.</summary>
internal static class Pods
{
    public static V1EnvVar Env(this V1Container container, string name) =>
        container.Env?.SingleOrDefault(e => e.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"container {container.Name} has no environment variable {name}");

    public static string? Literal(this V1Container container, string name) => container.Env(name).Value;

    public static int Port(this V1Container container, string name) =>
        container.Ports?.SingleOrDefault(p => p.Name == name)?.ContainerPort
        ?? throw new Xunit.Sdk.XunitException($"container {container.Name} has no port named {name}");

    /// <summary>A probe's or Service's port, by number or by the container port's name.</summary>
    public static int Resolve(this V1Container container, IntOrString port) =>
        int.TryParse(port.Value, out var number) ? number : container.Port(port.Value);

    public static string? Label(this V1PodTemplateSpec template, string key) =>
        template.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    public static IEnumerable<V1Container> AllContainers(this V1PodSpec pod) => (pod.InitContainers ?? []).Concat(pod.Containers);

    public static bool Selects(this IDictionary<string, string> selector, IDictionary<string, string>? labels) =>
        selector.Count > 0 && labels is not null && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    /// <summary>
    /// A container's environment as the silo's configuration sees it: literal values, `Tuning__X` as `Tuning:X`,
    /// downward-API values filled in the way the kubelet would for a pod named <paramref name="podName"/>.
    /// </summary>
    public static Dictionary<string, string?> AsConfiguration(this V1Container container, V1PodTemplateSpec template, string podName)
    {
        var values = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1" };
        foreach (var env in container.Env ?? [])
        {
            var value = env.Value ?? env.ValueFrom switch
            {
                { FieldRef.FieldPath: "metadata.name" } => podName,
                { FieldRef.FieldPath: "metadata.namespace" } => "orleans-tuning",
                { FieldRef.FieldPath: "status.podIP" } => "10.1.2.3",
                { FieldRef.FieldPath: var path } when path.StartsWith("metadata.labels['", StringComparison.Ordinal) =>
                    template.Metadata.Labels.TryGetValue(path["metadata.labels['".Length..^2], out var label) ? label : null,
                { ResourceFieldRef: { Resource: "requests.cpu" } field } =>
                    Math.Ceiling(Quantity(container.Resources.Requests["cpu"]) / Quantity(field.Divisor ?? new ResourceQuantity("1"))).ToString(),
                { SecretKeyRef: not null } => "secret",
                _ => null,
            };
            values[env.Name.Replace("__", ":")] = value;
        }
        return values;
    }

    public static decimal Quantity(ResourceQuantity quantity) => quantity.ToDecimal();
}
