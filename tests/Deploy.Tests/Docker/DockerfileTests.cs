using System.Text.Json;
using System.Xml.Linq;
using k8s.Models;
using Orleans.Tuning.Deploy.Tests.Manifests;

namespace Orleans.Tuning.Deploy.Tests.Docker;

/// <summary>The images cannot be built here (no registry reachable), so their Dockerfiles are read.</summary>
[Collection(RenderedCollection.Name)]
public sealed class DockerfileTests(Rendered rendered)
{
    private static Dockerfile Silo => Dockerfile.Load(Repo.File("deploy", "docker", "silo.Dockerfile"));
    private static Dockerfile Client => Dockerfile.Load(Repo.File("deploy", "docker", "client.Dockerfile"));

    private sealed record Image(string Project, string Packages)
    {
        /// <summary>A project on the ASP.NET Core shared framework does not start on the plain runtime image.</summary>
        public string Runtime => XDocument.Load(Repo.File(Project)).Descendants("FrameworkReference")
            .Any(f => (string?)f.Attribute("Include") == "Microsoft.AspNetCore.App")
            ? "mcr.microsoft.com/dotnet/aspnet"
            : "mcr.microsoft.com/dotnet/runtime";
    }

    private static readonly Dictionary<string, Image> Expected = new()
    {
        ["silo.Dockerfile"] = new("src/Silo/Silo.csproj", "libopenblas0-pthread"),
        ["client.Dockerfile"] = new("src/Client/Client.csproj", "libopenblas0-pthread fonts-dejavu-core"),
    };

    public static TheoryData<string> Files => new(Expected.Keys);

    [Theory, MemberData(nameof(Files))]
    public void Builds_with_the_official_SDK_and_runs_on_the_official_runtime(string file)
    {
        var docker = Dockerfile.Load(Repo.File("deploy", "docker", file));
        Assert.True(docker.Stages.Count >= 2, "multi-stage: the SDK stays out of the runtime image");
        var build = docker.Stages[0];
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", build.Image);
        Assert.StartsWith(Expected[file].Runtime + ":10.0", docker.Final.Image);
        // The same OS under both stages (native libraries built against one are loaded on the other).
        Assert.Equal(build.Image.Split(':')[1], docker.Final.Image.Split(':')[1]);
        Assert.Contains(build.All("RUN"), r => r.StartsWith($"dotnet publish {Expected[file].Project} -c Release"));
        Assert.Contains($"--from={build.Name} /out ./", docker.Final.All("COPY"));
        Assert.DoesNotContain(docker.Final.All("RUN"), r => r.Contains("dotnet "));
    }

    [Theory, MemberData(nameof(Files))]
    public void Installs_only_what_the_program_needs_from_the_distribution(string file)
    {
        var install = Assert.Single(Dockerfile.Load(Repo.File("deploy", "docker", file)).Final.All("RUN"), r => r.Contains("apt-get install"));
        Assert.Contains($"apt-get install -y --no-install-recommends {Expected[file].Packages} &&", install);
        Assert.EndsWith("rm -rf /var/lib/apt/lists/*", install);
    }

    [Fact]
    public void Only_the_client_has_fonts_since_only_it_draws_plots() =>
        Assert.DoesNotContain(Silo.Final.All("RUN"), r => r.Contains("fonts-"));

    [Theory, MemberData(nameof(Files))]
    public void Runs_as_the_images_unprivileged_user(string file)
    {
        var final = Dockerfile.Load(Repo.File("deploy", "docker", file)).Final;
        Assert.Equal("$APP_UID", final.All("USER").Last());
        // USER must come after everything that needs root.
        Assert.True(final.Instructions.ToList().FindLastIndex(i => i.Keyword == "RUN") < final.Instructions.ToList().FindLastIndex(i => i.Keyword == "USER"));
    }

    [Theory]
    [InlineData("silo.Dockerfile", "src/Silo/Silo.csproj")]
    [InlineData("client.Dockerfile", "src/Client/Client.csproj")]
    public void The_entrypoint_runs_the_projects_assembly(string file, string project)
    {
        var assembly = XDocument.Load(Repo.File(project)).Descendants("AssemblyName").Single().Value;
        var entrypoint = JsonSerializer.Deserialize<string[]>(Dockerfile.Load(Repo.File("deploy", "docker", file)).Final.All("ENTRYPOINT").Single())!;
        Assert.Equal(["dotnet", $"{assembly}.dll"], entrypoint);
    }

    [Theory, MemberData(nameof(Files))]
    public void Copies_every_project_the_program_is_built_from_before_and_after_the_restore(string file)
    {
        var build = Dockerfile.Load(Repo.File("deploy", "docker", file)).Stages[0].All("COPY").ToList();
        foreach (var project in ProjectsOf(Expected[file].Project))
        {
            var folder = Path.GetDirectoryName(project)!;
            Assert.Contains($"{project} {folder}/", build);
            Assert.Contains($"{folder}/ {folder}/", build);
        }
    }

    /// <summary>The project and every project it references, transitively, as paths from the repository root.</summary>
    private static IEnumerable<string> ProjectsOf(string project)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next)) continue;
            foreach (var reference in XDocument.Load(Repo.File(next)).Descendants("ProjectReference"))
                pending.Push(Path.GetRelativePath(Repo.Root, Path.GetFullPath(Path.Combine(Repo.File(Path.GetDirectoryName(next)!), (string)reference.Attribute("Include")!))));
        }
        return seen;
    }

    [Theory]
    [InlineData("silo.Dockerfile")]
    [InlineData("client.Dockerfile")]
    public void Copies_only_files_that_exist_and_the_context_leaves_build_output_out(string file)
    {
        foreach (var copy in Dockerfile.Load(Repo.File("deploy", "docker", file)).Stages.SelectMany(s => s.All("COPY")).Where(c => !c.StartsWith("--from")))
        foreach (var source in copy.Split(' ')[..^1])
            Assert.True(File.Exists(Repo.File(source)) || Directory.Exists(Repo.File(source)), $"{file}: COPY {source}: not in the repository");
        var ignore = File.ReadAllLines(Repo.File(".dockerignore"));
        Assert.Contains("**/bin/", ignore);
        Assert.Contains("**/obj/", ignore);
        Assert.Contains(".postgres*/", ignore);
    }

    [Fact]
    public void The_silo_exposes_the_ports_its_pods_declare()
    {
        var exposed = Silo.Final.All("EXPOSE").SelectMany(e => e.Split(' ')).Select(int.Parse).Order();
        var declared = rendered.Single<V1Deployment>("tuning-silo").Spec.Template.Spec.Containers.Single(c => c.Name == "silo")
            .Ports.Select(p => p.ContainerPort).Order();
        Assert.Equal(declared, exposed);
    }

    [Fact]
    public void The_manifests_use_the_images_these_files_build()
    {
        var images = rendered.PodTemplates().SelectMany(p => p.Template.Spec.Containers).Select(c => c.Image.Split(':')[0]).ToHashSet();
        Assert.Contains("orleans-tuning/silo", images);
        Assert.Contains("orleans-tuning/client", images);
        // The build commands the Dockerfiles and docs/deploy.md give tag them with those names.
        Assert.Contains("docker build -f deploy/docker/silo.Dockerfile -t orleans-tuning/silo", Repo.Read("deploy", "docker", "silo.Dockerfile"));
        Assert.Contains("docker build -f deploy/docker/client.Dockerfile -t orleans-tuning/client", Repo.Read("deploy", "docker", "client.Dockerfile"));
    }
}
