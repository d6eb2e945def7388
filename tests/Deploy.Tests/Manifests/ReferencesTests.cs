using k8s.Models;

namespace Orleans.Tuning.Deploy.Tests.Manifests;

/// <summary>What only an API server would notice: names that point at nothing, selectors that select nothing.</summary>
[Collection(RenderedCollection.Name)]
public sealed class ReferencesTests(Rendered rendered)
{
    [Fact]
    public void Every_workload_selects_its_own_pods()
    {
        foreach (var d in rendered.All<V1Deployment>())
            Assert.True(d.Spec.Selector.MatchLabels.Selects(d.Spec.Template.Metadata.Labels), $"Deployment/{d.Metadata.Name}");
        foreach (var s in rendered.All<V1StatefulSet>())
            Assert.True(s.Spec.Selector.MatchLabels.Selects(s.Spec.Template.Metadata.Labels), $"StatefulSet/{s.Metadata.Name}");
    }

    [Fact]
    public void Every_service_selects_some_pods()
    {
        foreach (var service in rendered.All<V1Service>())
            Assert.True(rendered.PodTemplates().Any(p => service.Spec.Selector.Selects(p.Template.Metadata.Labels)), $"Service/{service.Metadata.Name} selects no pods");
    }

    [Fact]
    public void Every_config_map_and_service_account_referenced_exists()
    {
        var configMaps = rendered.All<V1ConfigMap>().Select(c => c.Metadata.Name).ToHashSet();
        var accounts = rendered.All<V1ServiceAccount>().Select(a => a.Metadata.Name).ToHashSet();
        foreach (var (workload, template) in rendered.PodTemplates())
        {
            var claims = rendered.All<V1StatefulSet>().Where(s => workload == $"StatefulSet/{s.Metadata.Name}")
                .SelectMany(s => s.Spec.VolumeClaimTemplates ?? []).Select(c => c.Metadata.Name);
            var volumes = (template.Spec.Volumes ?? []).Select(v => v.Name).Concat(claims).ToHashSet();
            foreach (var volume in template.Spec.Volumes ?? [])
                if (volume.ConfigMap is { } map) Assert.True(configMaps.Contains(map.Name), $"{workload}: no ConfigMap {map.Name}");
            foreach (var container in template.Spec.AllContainers())
            {
                foreach (var env in container.Env ?? [])
                    if (env.ValueFrom?.ConfigMapKeyRef is { } key) Assert.True(configMaps.Contains(key.Name), $"{workload}: no ConfigMap {key.Name}");
                foreach (var mount in container.VolumeMounts ?? [])
                    Assert.True(volumes.Contains(mount.Name), $"{workload}/{container.Name}: no volume {mount.Name}");
            }
            if (template.Spec.ServiceAccountName is { } account) Assert.True(accounts.Contains(account), $"{workload}: no ServiceAccount {account}");
        }
    }

    [Fact]
    public void Every_secret_referenced_is_the_one_the_user_creates()
    {
        // Not in the manifests on purpose (no password in clear); docs/deploy.md gives the command, PostgresTests checks it.
        var secrets = rendered.PodTemplates()
            .SelectMany(p => p.Template.Spec.AllContainers())
            .SelectMany(c => c.Env ?? [])
            .Select(e => e.ValueFrom?.SecretKeyRef?.Name)
            .OfType<string>()
            .Distinct();
        Assert.Equal(["tuning-postgres"], secrets);
    }

    [Fact]
    public void Everything_lands_in_the_namespace_the_docs_name()
    {
        var ns = Assert.Single(rendered.All<V1Namespace>()).Metadata.Name;
        Assert.Equal("orleans-tuning", ns);
        foreach (var o in rendered.Objects.Cast<k8s.IKubernetesObject<V1ObjectMeta>>().Where(o => o is not V1Namespace))
            Assert.Equal(ns, o.Metadata.NamespaceProperty);
    }

    [Fact]
    public void Images_are_pinned_to_a_tag_and_pulled_only_when_missing()
    {
        foreach (var (workload, template) in rendered.PodTemplates())
        foreach (var container in template.Spec.AllContainers())
        {
            Assert.Matches(@":[\w.-]+$", container.Image);
            Assert.DoesNotMatch(":latest$", container.Image);
            if (container.Image.StartsWith("orleans-tuning/", StringComparison.Ordinal))
                Assert.Equal("IfNotPresent", container.ImagePullPolicy);
        }
    }
}
