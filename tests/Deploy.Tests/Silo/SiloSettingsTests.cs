using Microsoft.Extensions.Configuration;
using Orleans.Tuning.Silo;

namespace Orleans.Tuning.Deploy.Tests.Silo;

public sealed class SiloSettingsTests
{
    private static readonly Dictionary<string, string?> Pod = new()
    {
        ["KUBERNETES_SERVICE_HOST"] = "10.0.0.1",
        ["POD_NAME"] = "tuning-silo-7d9f-abcde",
        ["POD_NAMESPACE"] = "orleans-tuning",
        ["POD_IP"] = "10.1.2.3",
        ["ORLEANS_CLUSTER_ID"] = "blue",
        ["ORLEANS_SERVICE_ID"] = "tuning-svc",
        ["Tuning:Storage"] = "postgres",
        ["Tuning:ConnectionString"] = "Host=postgres",
        ["Tuning:HealthPort"] = "8080",
    };

    private static SiloSettings From(Dictionary<string, string?> values) =>
        SiloSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public void Inside_a_pod_the_ids_and_the_address_are_the_pods_as_Orleans_hosting_reads_them()
    {
        var settings = From(new(Pod) { ["Tuning:ClusterId"] = "other", ["Tuning:AdvertisedAddress"] = "127.0.0.1" });
        Assert.Empty(settings.Problems());
        Assert.Equal("blue", settings.ClusterId);
        Assert.Equal("tuning-svc", settings.ServiceId);
        Assert.Equal("10.1.2.3", settings.AdvertisedAddress);
        Assert.Equal("tuning-silo-7d9f-abcde", settings.Pod!.Name);
    }

    [Fact]
    public void Outside_Kubernetes_the_pod_variables_are_ignored()
    {
        var values = new Dictionary<string, string?>(Pod);
        values.Remove("KUBERNETES_SERVICE_HOST");
        var settings = From(values);
        Assert.Null(settings.Pod);
        Assert.Equal("tuning", settings.ClusterId);
        Assert.Equal("127.0.0.1", settings.AdvertisedAddress);
        Assert.Empty(settings.Problems());
    }

    [Theory]
    [InlineData("POD_NAME", "POD_NAME: required inside Kubernetes")]
    [InlineData("POD_NAMESPACE", "POD_NAMESPACE: required inside Kubernetes")]
    [InlineData("POD_IP", "POD_IP: required inside Kubernetes")]
    [InlineData("Tuning:HealthPort", "Tuning:HealthPort: required inside Kubernetes")]
    [InlineData("Tuning:Storage", "Tuning:Storage: must be postgres inside Kubernetes")]
    public void A_pod_missing_what_the_hosting_or_the_probes_need_is_refused_before_starting(string missing, string problem)
    {
        var values = new Dictionary<string, string?>(Pod);
        values.Remove(missing);
        Assert.Contains(From(values).Problems(), p => p.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_health_port_out_of_range_is_a_problem_anywhere() =>
        Assert.Contains(From(new() { ["Tuning:HealthPort"] = "70000" }).Problems(), p => p.StartsWith("Tuning:HealthPort: not a port"));
}
