using Orleans.Tuning.Integration.Tests.Cluster;

namespace Orleans.Tuning.Integration.Tests;

/// <summary>
/// Real faults on a real cluster: silo processes on PostgreSQL, killed, hung, their database restarted,
/// all of them stopped; the study finishes with nothing lost and nothing counted twice.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class FaultTests(PostgresServer postgres) : IDisposable
{
    private const int Trials = 4;
    private const int RoundsPerTrial = 12;
    private readonly string _folder = Directory.CreateTempSubdirectory("orleans-tuning-it-").FullName;

    // A caviar population in lockstep with checkpointed RNG state: its decisions are a function of the
    // spec and seed alone, so a disturbed run must end exactly as an undisturbed one. Wide enough that a
    // study lasts many seconds, so a fault lands in the middle of it, not after its end.
    private string Spec(string name) => Write($"{name}.yaml", $$"""
        name: {{name}}
        seed: 7
        data: { path: {{Repo.Data("letter.csv")}} }
        space:
          learning_rate: { min: 1.0e-3, max: 1.0e-1 }
          hidden_units: { min: 192, max: 384 }
        fixed: { optimizer: adam, layers: 2, batch_size: 64 }
        strategy: caviar
        population: { size: {{Trials}}, ready_every_rounds: 3 }
        budget: { trials: {{Trials}}, epochs_per_round: 1, max_epochs_per_trial: {{RoundsPerTrial}} }
        stopping: none
        retest: { enabled: false }
        """);

    [Fact]
    public async Task A_silo_killed_mid_study_loses_nothing_and_the_study_ends_as_an_undisturbed_one()
    {
        await using var cluster = await LocalCluster.Start(postgres, silos: 2);
        var calm = await cluster.Submit(Spec("calm"));
        Assert.Equal("completed", await cluster.WaitForEnd(calm));

        var killed = await cluster.Submit(Spec("killed"));
        await cluster.Until(async () => await cluster.Rounds(killed) >= Trials, TimeSpan.FromMinutes(2), "the first round of every trial");
        cluster.Silos[1].Kill();

        Assert.Equal("completed", await cluster.WaitForEnd(killed));
        await AssertEveryRoundOnce(cluster, killed);
        Assert.Equal(await cluster.Best(calm), await cluster.Best(killed));
        Assert.Equal(Curves(await cluster.RoundRows(calm)), Curves(await cluster.RoundRows(killed)));
    }

    [Fact]
    public async Task A_hung_silo_is_evicted_its_work_moves_on_and_waking_it_later_does_no_harm()
    {
        await using var cluster = await LocalCluster.Start(postgres, silos: 2);
        var study = await cluster.Submit(Spec("hung"));
        await cluster.Until(async () => await cluster.Rounds(study) >= Trials, TimeSpan.FromMinutes(2), "the first round of every trial");
        cluster.Silos[1].Freeze();

        Assert.Equal("completed", await cluster.WaitForEnd(study));
        var before = await cluster.RoundRows(study);
        cluster.Silos[1].Thaw();
        // Declared dead while it slept, the silo must not write anything when it wakes; give it the time to try.
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(before, await cluster.RoundRows(study));
        Assert.Equal("completed", await cluster.Phase(study));
        await AssertEveryRoundOnce(cluster, study);
    }

    [Fact]
    public async Task A_database_restart_mid_study_pauses_it_and_it_continues_with_nothing_lost()
    {
        await using var cluster = await LocalCluster.Start(postgres, silos: 2);
        var study = await cluster.Submit(Spec("restart"));
        await cluster.Until(async () => await cluster.Rounds(study) >= Trials, TimeSpan.FromMinutes(2), "the first round of every trial");
        await postgres.Stop();
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.Start();

        Assert.Equal("completed", await cluster.WaitForEnd(study));
        await AssertEveryRoundOnce(cluster, study);
        Assert.All(cluster.Silos, s => Assert.False(s.HasExited, $"silo {s.Pid} died with its database:\n{s.Log}"));
    }

    [Fact]
    public async Task After_the_whole_cluster_is_stopped_and_started_again_watch_shows_the_study_resuming_where_it_was()
    {
        await using var cluster = await LocalCluster.Start(postgres, silos: 2);
        var study = await cluster.Submit(Spec("restarted"));
        await cluster.Until(async () => await cluster.Rounds(study) >= 2 * Trials, TimeSpan.FromMinutes(2), "two rounds of every trial");
        foreach (var silo in cluster.Silos) silo.Kill();
        var roundsBefore = await cluster.Rounds(study);
        Assert.Equal("running", await cluster.Phase(study));

        cluster.AddSilo();
        cluster.AddSilo();
        await cluster.WaitForLiveSilos();
        var (exitCode, output) = await cluster.Tune("watch", study);

        Assert.True(exitCode == 0, $"watch exited {exitCode}:\n{output}");
        Assert.Contains($"study {study} completed", output);
        Assert.True(await cluster.Rounds(study) > roundsBefore);
        await AssertEveryRoundOnce(cluster, study);
    }

    // Every trial reported each of its rounds exactly once, and the epochs counted match.
    private static async Task AssertEveryRoundOnce(LocalCluster cluster, string study)
    {
        var rows = await cluster.RoundRows(study);
        Assert.Equal(Enumerable.Range(0, Trials), rows.Select(r => r.Trial).Distinct().Order());
        foreach (var trial in rows.GroupBy(r => r.Trial))
        {
            Assert.Equal(Enumerable.Range(1, RoundsPerTrial), trial.Select(r => r.Round));
            Assert.Equal(Enumerable.Range(1, RoundsPerTrial), trial.Select(r => r.Epochs));
        }
        Assert.Equal(Trials * RoundsPerTrial, await cluster.Scalar<int>("SELECT epochs_used FROM studies WHERE study_id = $1", study));
    }

    private static List<string> Curves(List<(int Trial, int Seq, int Round, int Epochs, double Accuracy, string Decision)> rows) =>
        [.. rows.Select(r => $"{r.Trial}/{r.Round}: {r.Accuracy:R} {r.Decision}")];

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
