using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Orleans.Tuning.Deploy.Tests.Manifests;

/// <summary>
/// deploy/k8s as the cluster would receive it: rendered by `kubectl kustomize` (offline), then loaded strictly by the
/// Kubernetes client's object model, so an unknown field, kind or apiVersion, or a value of the wrong type, fails here.
/// </summary>
public sealed class Rendered
{
    public Rendered()
    {
        Yaml = Kustomize(Repo.File("deploy", "k8s"));
        Objects = KubernetesYaml.LoadAllFromString(Yaml, strict: true);
    }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Single<T>(string name) where T : IKubernetesObject<V1ObjectMeta> =>
        All<T>().SingleOrDefault(o => o.Metadata.Name == name)
        ?? throw new Xunit.Sdk.XunitException($"no {typeof(T).Name} named {name} in the rendered manifests");

    public V1ConfigMap GeneratedConfigMap(string name) =>
        All<V1ConfigMap>().SingleOrDefault(c => c.Metadata.Name.StartsWith(name + "-", StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no ConfigMap generated from {name}");

    /// <summary>Every pod template with the workload that owns it, for rules that hold for all of them.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates() =>
        All<V1Deployment>().Select(d => ($"Deployment/{d.Metadata.Name}", d.Spec.Template))
            .Concat(All<V1StatefulSet>().Select(s => ($"StatefulSet/{s.Metadata.Name}", s.Spec.Template)))
            .Concat(All<V1Job>().Select(j => ($"Job/{j.Metadata.Name}", j.Spec.Template)));

    private static string Kustomize(string folder)
    {
        // scripts/test.sh finds or fetches a kubectl that is new enough (scripts/kubectl.sh); else the one on PATH.
        var kubectl = Environment.GetEnvironmentVariable("TUNING_KUBECTL") is { Length: > 0 } path ? path : "kubectl";
        var info = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("kustomize");
        info.ArgumentList.Add(folder);
        Process process;
        try
        {
            process = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"kubectl is needed to render deploy/k8s ({kubectl}: {e.Message}): run the tests with scripts/test.sh, which " +
                "finds or fetches one (scripts/kubectl.sh), or install kubectl 1.21 or newer. Debian 12's kubernetes-client (1.20) is too old.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1))) { process.Kill(); throw new TimeoutException("kubectl kustomize took over a minute"); }
            if (process.ExitCode != 0) throw new InvalidOperationException($"kubectl kustomize {folder} failed ({process.ExitCode}): {stderr.Result}");
            return stdout.Result;
        }
    }
}

/// <summary>Renders once for every test class that reads the manifests.</summary>
[CollectionDefinition(Name)]
public sealed class RenderedCollection : ICollectionFixture<Rendered>
{
    public const string Name = "rendered manifests";
}
