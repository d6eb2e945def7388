using k8s.Models;
using Npgsql;

namespace Orleans.Tuning.Deploy.Tests.Manifests;

/// <summary>PostgreSQL, its schema and its password, and the connection strings that point at it.</summary>
[Collection(RenderedCollection.Name)]
public sealed class PostgresTests(Rendered rendered)
{
    private const string SecretName = "tuning-postgres";
    private const string SecretKey = "password";

    private V1StatefulSet StatefulSet => rendered.Single<V1StatefulSet>("postgres");
    private V1Container Postgres => StatefulSet.Spec.Template.Spec.Containers.Single(c => c.Name == "postgres");

    [Fact]
    public void The_statefulset_has_a_headless_service_that_selects_its_pods()
    {
        var service = rendered.Single<V1Service>(StatefulSet.Spec.ServiceName);
        Assert.Equal("None", service.Spec.ClusterIP);
        Assert.True(service.Spec.Selector.Selects(StatefulSet.Spec.Template.Metadata.Labels));
        Assert.True(StatefulSet.Spec.Selector.MatchLabels.Selects(StatefulSet.Spec.Template.Metadata.Labels));
        var port = Assert.Single(service.Spec.Ports);
        Assert.Equal(Postgres.Port("postgres"), Postgres.Resolve(port.TargetPort));
    }

    [Fact]
    public void Data_lives_on_a_volume_claim_in_a_subfolder_of_its_mount()
    {
        var claim = Assert.Single(StatefulSet.Spec.VolumeClaimTemplates);
        var mount = Assert.Single(Postgres.VolumeMounts, m => m.Name == claim.Metadata.Name);
        var pgdata = Postgres.Literal("PGDATA")!;
        // initdb refuses a mount point with lost+found in it; a subfolder also keeps the volume's root ours.
        Assert.StartsWith(mount.MountPath.TrimEnd('/') + "/", pgdata);
        Assert.True(pgdata.Length > mount.MountPath.TrimEnd('/').Length + 1);
    }

    [Fact]
    public void PostgreSQL_is_probed_with_pg_isready()
    {
        Assert.Contains("pg_isready", Postgres.ReadinessProbe.Exec.Command);
        Assert.Contains("pg_isready", Postgres.LivenessProbe.Exec.Command);
    }

    [Fact]
    public void No_password_is_written_in_any_manifest()
    {
        Assert.Empty(rendered.All<V1Secret>());
        foreach (var (workload, template) in rendered.PodTemplates())
        foreach (var container in template.Spec.AllContainers())
        foreach (var env in container.Env ?? [])
        {
            if (env.Name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase))
            {
                Assert.True(env.Value is null, $"{workload}/{container.Name}: {env.Name} has a literal value");
                Assert.Equal(SecretName, env.ValueFrom?.SecretKeyRef?.Name);
                Assert.Equal(SecretKey, env.ValueFrom?.SecretKeyRef?.Key);
            }
            if (env.Value is { } value && value.Contains("Password=", StringComparison.OrdinalIgnoreCase))
                Assert.Contains("Password=$(POSTGRES_PASSWORD);", value);
        }
    }

    [Fact]
    public void The_secret_the_user_creates_is_documented_with_its_command()
    {
        var doc = Repo.Read("docs", "deploy.md");
        Assert.Contains($"kubectl -n orleans-tuning create secret generic {SecretName} --from-literal={SecretKey}=", doc);
    }

    [Fact]
    public void Connection_strings_point_at_the_service_port_and_database()
    {
        var service = rendered.Single<V1Service>(StatefulSet.Spec.ServiceName);
        var strings = rendered.PodTemplates()
            .SelectMany(p => p.Template.Spec.AllContainers().Select(c => (p.Workload, Container: c)))
            .SelectMany(p => (p.Container.Env ?? []).Where(e => e.Value?.Contains("Host=") == true).Select(e => (p.Workload, p.Container, Env: e)))
            .ToList();
        Assert.Contains(strings, s => s.Env.Name == "Tuning__ConnectionString");
        Assert.Contains(strings, s => s.Env.Name == "TUNING_CLUSTER");
        foreach (var (workload, container, env) in strings)
        {
            // The kubelet expands $(VAR) only for variables defined earlier in the same container.
            var index = container.Env.IndexOf(env);
            Assert.True(container.Env.Take(index).Any(e => e.Name == "POSTGRES_PASSWORD"), $"{workload}: POSTGRES_PASSWORD must come before {env.Name}");
            var cs = new NpgsqlConnectionStringBuilder(env.Value!.Replace("$(POSTGRES_PASSWORD)", "x"));
            Assert.Equal(service.Metadata.Name, cs.Host);
            Assert.Equal(service.Spec.Ports.Single().Port, cs.Port);
            Assert.Equal(Postgres.Literal("POSTGRES_DB"), cs.Database);
            Assert.Equal("postgres", cs.Username);
        }
    }

    [Fact]
    public void The_schema_config_map_is_deploy_sql_exactly()
    {
        var schema = rendered.GeneratedConfigMap("postgres-schema");
        var files = Directory.GetFiles(Repo.File("deploy", "sql"), "*.sql").OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files.Select(Path.GetFileName), schema.Data.Keys.Order(StringComparer.Ordinal));
        foreach (var file in files) Assert.Equal(File.ReadAllText(file), schema.Data[Path.GetFileName(file)]);
    }

    [Fact]
    public void Every_silo_applies_the_schema_before_it_starts()
    {
        var pod = rendered.Single<V1Deployment>("tuning-silo").Spec.Template.Spec;
        var init = Assert.Single(pod.InitContainers);
        // The same server version that runs the database; its psql applies the files the schema volume holds.
        Assert.Equal(Postgres.Image, init.Image);
        var volume = Assert.Single(pod.Volumes, v => v.ConfigMap?.Name == rendered.GeneratedConfigMap("postgres-schema").Metadata.Name);
        var mount = Assert.Single(init.VolumeMounts, m => m.Name == volume.Name);
        var script = string.Join('\n', init.Command.Concat(init.Args ?? []));
        Assert.Contains($"{mount.MountPath}/*.sql", script);
        Assert.Contains("ON_ERROR_STOP=1", script);
        Assert.Contains("pg_isready", script);
        Assert.Equal(Postgres.Literal("POSTGRES_DB"), init.Literal("PGDATABASE"));
        Assert.Equal(StatefulSet.Spec.ServiceName, init.Literal("PGHOST"));
    }

    [Fact]
    public void The_server_is_the_version_the_schema_is_written_for()
    {
        // deploy/sql targets PostgreSQL 15 (NULLS NOT DISTINCT needs 15 or newer).
        Assert.Contains("PostgreSQL 15", Repo.Read("deploy", "sql", "README.md"));
        Assert.Equal("postgres:15", Postgres.Image);
    }
}
