using k8s;
using k8s.Models;

namespace Orleans.Tuning.Deploy.Tests.Manifests;

[Collection(RenderedCollection.Name)]
public sealed class LoadingTests(Rendered rendered)
{
    [Fact]
    public void Every_rendered_document_is_a_known_kind_with_known_fields()
    {
        // The fixture loaded them strictly; here we check that every one became a typed object, not a fallback.
        Assert.NotEmpty(rendered.Objects);
        Assert.All(rendered.Objects, o => Assert.IsAssignableFrom<IKubernetesObject<V1ObjectMeta>>(o));
        var kinds = rendered.Objects.Cast<IKubernetesObject>().Select(o => o.Kind).ToHashSet();
        Assert.Superset(new HashSet<string> { "Namespace", "Deployment", "StatefulSet", "Job", "Service", "ServiceAccount", "Role", "RoleBinding", "ConfigMap" }, kinds);
    }

    [Fact]
    public void The_strict_loader_rejects_a_misspelt_field()
    {
        // The safety net itself: if strict loading ever stopped rejecting unknown fields, every test here would be weaker.
        const string yaml = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n" +
                            "    - name: x\n      image: x\n      resources:\n        request:\n          cpu: \"1\"\n";
        Assert.ThrowsAny<Exception>(() => KubernetesYaml.LoadAllFromString(yaml, strict: true));
        Assert.Single(KubernetesYaml.LoadAllFromString(yaml.Replace("request:", "requests:"), strict: true));
    }
}
