using k8s.Models;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Deploy.Tests.Manifests;

/// <summary>The Job that submits a study and watches it.</summary>
[Collection(RenderedCollection.Name)]
public sealed class StudyJobTests(Rendered rendered)
{
    private V1Job Job => rendered.Single<V1Job>("tuning-study");
    private V1Container Tune => Job.Spec.Template.Spec.Containers.Single();

    [Fact]
    public void The_job_is_never_retried_with_a_restart_policy_a_job_allows()
    {
        // The API server rejects Always for a Job; a retry could submit a second study.
        Assert.Contains(Job.Spec.Template.Spec.RestartPolicy, new[] { "Never", "OnFailure" });
        Assert.Equal("Never", Job.Spec.Template.Spec.RestartPolicy);
        Assert.Equal(0, Job.Spec.BackoffLimit);
    }

    [Fact]
    public void The_job_talks_to_the_silos_cluster_identity()
    {
        var silo = rendered.Single<V1Deployment>("tuning-silo").Spec.Template;
        var args = Tune.Args;
        Assert.Equal(silo.Label("orleans/clusterId"), args[args.IndexOf("--cluster-id") + 1]);
        Assert.Equal(silo.Label("orleans/serviceId"), args[args.IndexOf("--service-id") + 1]);
    }

    [Fact]
    public void The_job_runs_the_script_the_client_image_ships()
    {
        Assert.Equal(["/app/submit-and-watch.sh"], Tune.Command);
        Assert.Contains("COPY deploy/docker/submit-and-watch.sh ./", Repo.Read("deploy", "docker", "client.Dockerfile"));
        Assert.Contains("WORKDIR /app", Repo.Read("deploy", "docker", "client.Dockerfile"));
    }

    [Fact]
    public void The_spec_it_submits_is_in_the_mounted_config_map_and_its_data_is_in_the_images()
    {
        var spec = rendered.GeneratedConfigMap("study-spec");
        var volume = Assert.Single(Job.Spec.Template.Spec.Volumes, v => v.ConfigMap?.Name == spec.Metadata.Name);
        var mount = Assert.Single(Tune.VolumeMounts, m => m.Name == volume.Name);
        var specPath = Tune.Args[0];
        Assert.Equal(mount.MountPath, Path.GetDirectoryName(specPath));
        var text = spec.Data[Path.GetFileName(specPath)];

        // The pod's file system as far as the spec sees it: the images' /app/data (the repository's data/) beside the mount.
        var app = Directory.CreateTempSubdirectory("deploy-tests-app-");
        try
        {
            Assert.Equal("/app/", Path.GetDirectoryName(mount.MountPath) + "/");
            var data = Directory.CreateDirectory(Path.Combine(app.FullName, "data"));
            foreach (var file in Directory.GetFiles(Repo.File("data"))) File.Copy(file, Path.Combine(data.FullName, Path.GetFileName(file)));
            var examples = Directory.CreateDirectory(Path.Combine(app.FullName, Path.GetFileName(mount.MountPath)));
            var parsed = StudySpecParser.Parse(text, specPath, examples.FullName);
            Assert.Equal(Path.Combine(app.FullName, "data"), Path.GetDirectoryName(parsed.Data.Path));
        }
        finally
        {
            app.Delete(recursive: true);
        }
        foreach (var dockerfile in new[] { "silo.Dockerfile", "client.Dockerfile" })
            Assert.Contains("COPY data/ data/", Repo.Read("deploy", "docker", dockerfile));
    }
}
