using YamlDotNet.RepresentationModel;

namespace Orleans.Tuning.Deploy.Tests.Manifests;

/// <summary>The kustomization files themselves: what rendering cannot show is missing.</summary>
public sealed class KustomizationTests
{
    [Fact]
    public void The_schema_generator_lists_every_script_in_deploy_sql()
    {
        // A new script left out of the list would render fine and never reach a cluster's database.
        var root = Load("deploy", "sql", "kustomization.yaml");
        var generator = (YamlSequenceNode)root.Children[new YamlScalarNode("configMapGenerator")];
        var files = ((YamlSequenceNode)((YamlMappingNode)generator.Single()).Children[new YamlScalarNode("files")])
            .Select(n => ((YamlScalarNode)n).Value!).Order(StringComparer.Ordinal);
        var scripts = Directory.GetFiles(Repo.File("deploy", "sql"), "*.sql").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal);
        Assert.Equal(scripts, files);
    }

    [Fact]
    public void The_deployment_includes_the_schema_from_deploy_sql_not_a_copy()
    {
        var resources = ((YamlSequenceNode)Load("deploy", "k8s", "kustomization.yaml").Children[new YamlScalarNode("resources")])
            .Select(n => ((YamlScalarNode)n).Value);
        Assert.Contains("../sql", resources);
        Assert.Empty(Directory.GetFiles(Repo.File("deploy", "k8s"), "*.sql", SearchOption.AllDirectories));
    }

    private static YamlMappingNode Load(params string[] path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(Repo.Read(path)));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }
}
