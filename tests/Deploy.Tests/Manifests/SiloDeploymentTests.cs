using k8s.Models;
using Microsoft.Extensions.Configuration;
using Orleans.Tuning.Silo;
using Orleans.Tuning.Silo.Health;

namespace Orleans.Tuning.Deploy.Tests.Manifests;

/// <summary>The silo Deployment against Orleans' Kubernetes checklist and against what the silo itself reads.</summary>
[Collection(RenderedCollection.Name)]
public sealed class SiloDeploymentTests(Rendered rendered)
{
    private V1Deployment Deployment => rendered.Single<V1Deployment>("tuning-silo");
    private V1PodTemplateSpec Template => Deployment.Spec.Template;
    private V1Container Silo => Template.Spec.Containers.Single(c => c.Name == "silo");

    private SiloSettings SettingsInPod() =>
        SiloSettings.From(new ConfigurationBuilder().AddInMemoryCollection(Silo.AsConfiguration(Template, "tuning-silo-abc12")).Build());

    [Fact]
    public void Pods_carry_the_orleans_labels_and_the_selector_matches_them()
    {
        var labels = Template.Metadata.Labels;
        Assert.False(string.IsNullOrWhiteSpace(labels["orleans/serviceId"]));
        Assert.False(string.IsNullOrWhiteSpace(labels["orleans/clusterId"]));
        Assert.True(Deployment.Spec.Selector.MatchLabels.Selects(labels), "the Deployment's selector does not match its pod labels");
    }

    [Fact]
    public void One_workload_per_cluster_identity()
    {
        // Orleans' hosting declares silos of any other workload with the same labels dead.
        var labels = Template.Metadata.Labels;
        var sameIdentity = rendered.PodTemplates().Where(p =>
            p.Template.Label("orleans/clusterId") == labels["orleans/clusterId"]
            && p.Template.Label("orleans/serviceId") == labels["orleans/serviceId"]);
        Assert.Equal(["Deployment/tuning-silo"], sameIdentity.Select(p => p.Workload));
    }

    [Theory]
    [InlineData("POD_NAME", "metadata.name")]
    [InlineData("POD_NAMESPACE", "metadata.namespace")]
    [InlineData("POD_IP", "status.podIP")]
    [InlineData("ORLEANS_SERVICE_ID", "metadata.labels['orleans/serviceId']")]
    [InlineData("ORLEANS_CLUSTER_ID", "metadata.labels['orleans/clusterId']")]
    public void The_environment_Orleans_reads_comes_from_the_downward_API(string variable, string fieldPath) =>
        Assert.Equal(fieldPath, Silo.Env(variable).ValueFrom?.FieldRef?.FieldPath);

    [Fact]
    public void The_silo_accepts_its_pod_environment_and_takes_ids_and_address_from_it()
    {
        var settings = SettingsInPod();
        Assert.Empty(settings.Problems());
        Assert.NotNull(settings.Pod);
        Assert.Equal(Template.Metadata.Labels["orleans/clusterId"], settings.ClusterId);
        Assert.Equal(Template.Metadata.Labels["orleans/serviceId"], settings.ServiceId);
        Assert.Equal("10.1.2.3", settings.AdvertisedAddress);
        Assert.Equal(StorageKind.Postgres, settings.Storage);
    }

    [Fact]
    public void Container_ports_are_the_ports_the_silo_is_configured_with()
    {
        var settings = SettingsInPod();
        Assert.Equal(11111, Silo.Port("silo"));
        Assert.Equal(30000, Silo.Port("gateway"));
        Assert.Equal(settings.SiloPort, Silo.Port("silo"));
        Assert.Equal(settings.GatewayPort, Silo.Port("gateway"));
        Assert.Equal(settings.HealthPort, Silo.Port("health"));
    }

    [Fact]
    public void Probes_call_the_health_endpoints_on_the_health_port()
    {
        var health = SettingsInPod().HealthPort;
        Assert.Equal(HealthEndpoints.Live, Silo.LivenessProbe.HttpGet.Path);
        Assert.Equal(HealthEndpoints.Ready, Silo.ReadinessProbe.HttpGet.Path);
        Assert.Equal(HealthEndpoints.Ready, Silo.StartupProbe.HttpGet.Path);
        Assert.All(new[] { Silo.LivenessProbe, Silo.ReadinessProbe, Silo.StartupProbe }, p => Assert.Equal(health, Silo.Resolve(p.HttpGet.Port)));
    }

    [Fact]
    public void Training_slots_are_the_cpu_request_and_cpu_is_never_limited()
    {
        var slots = Silo.Env("Tuning__Slots").ValueFrom?.ResourceFieldRef;
        Assert.NotNull(slots);
        Assert.Equal("requests.cpu", slots.Resource);
        Assert.True(slots.ContainerName is null or "silo");
        var cpu = Pods.Quantity(Silo.Resources.Requests["cpu"]);
        Assert.True(cpu >= 1 && cpu == decimal.Truncate(cpu), $"the CPU request must be whole cores (one slot each), got {cpu}");
        Assert.Equal((int)cpu, SettingsInPod().Slots);
        // Throttling stalls membership probes: healthy silos get declared dead.
        Assert.False(Silo.Resources.Limits?.ContainsKey("cpu") ?? false, "the silo must have no CPU limit");
    }

    [Fact]
    public void Memory_is_requested_and_limited()
    {
        Assert.True(Silo.Resources.Requests.ContainsKey("memory"));
        Assert.True(Silo.Resources.Limits.ContainsKey("memory"));
        Assert.True(Pods.Quantity(Silo.Resources.Limits["memory"]) >= Pods.Quantity(Silo.Resources.Requests["memory"]));
    }

    [Fact]
    public void A_rollout_never_has_fewer_silos_and_gives_each_time_to_hand_over()
    {
        Assert.Equal("RollingUpdate", Deployment.Spec.Strategy.Type);
        Assert.Equal("0", Deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        Assert.True(Deployment.Spec.MinReadySeconds > 0);
        var grace = Template.Spec.TerminationGracePeriodSeconds;
        Assert.True(grace > SiloShutdown.Timeout.TotalSeconds,
            $"terminationGracePeriodSeconds ({grace}) must exceed the silo's shutdown timeout ({SiloShutdown.Timeout.TotalSeconds} s)");
    }

    [Fact]
    public void The_service_account_may_read_watch_and_patch_pods_and_nothing_more()
    {
        var account = Template.Spec.ServiceAccountName;
        Assert.NotNull(rendered.Single<V1ServiceAccount>(account));
        Assert.NotEqual(false, Template.Spec.AutomountServiceAccountToken);
        var binding = Assert.Single(rendered.All<V1RoleBinding>(), b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account));
        Assert.Equal("Role", binding.RoleRef.Kind);
        var rule = Assert.Single(rendered.Single<V1Role>(binding.RoleRef.Name).Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["pods"], rule.Resources);
        // delete only if DeleteDefunctSiloPods were turned on; it is not.
        Assert.Equal(["get", "list", "patch", "watch"], rule.Verbs.Order());
    }

    [Fact]
    public void The_silo_runs_as_a_non_root_user() =>
        Assert.True(Silo.SecurityContext?.RunAsNonRoot ?? Template.Spec.SecurityContext?.RunAsNonRoot);
}
