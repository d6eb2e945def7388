using Orleans.Tuning.Client.Hosting;
using Orleans.Tuning.Model.Specs;
using Spectre.Console;

namespace Orleans.Tuning.Client.Specs;

/// <summary>
/// <c>warm_start: { study: ID }</c>: the earlier study's trials, read from the cluster's database before the spec is submitted,
/// so the study grain receives them in its spec (and replays them from it) and never reads another study.
/// </summary>
internal static class ClusterWarmStart
{
    /// <summary>The spec with the named study's trials in it, or the exit code after the problem was printed.</summary>
    public static async Task<(StudySpec? Spec, int ExitCode)> ResolveAsync(StudySpec spec, string specPath, string connectionString, IAnsiConsole console)
    {
        if (spec.WarmStart?.Study is not { } id)
            return (spec, ExitCodes.Ok);
        var file = Path.GetFileName(specPath);
        Grains.Studies.StudyResults? results;
        try
        {
            await using var archive = StudyArchive.Open(connectionString);
            results = await archive.Store.ReadResultsAsync(id);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            console.PlainLine($"error: cannot read the cluster's database for warm_start.study: {e.Message}");
            return (null, ExitCodes.Unreachable);
        }
        if (results is null)
        {
            console.PlainLine($"{file}: warm_start.study: no study '{id}' in the cluster's database (tune list shows them)");
            return (null, ExitCodes.InvalidSpec);
        }
        // Rows come per trial in round order: a trial's last row is its last round.
        var trials = results.Rows.GroupBy(r => r.Trial).Select(g => g.Last()).Select(r => new EarlierTrial(
            r.Trial, r.Kind, r.ValidationAccuracy, r.ValidationLoss, r.Failure,
            r.Hyperparameters.Entries.ToDictionary(e => e.Key, e => e.Value.ToString())));
        var (warmStart, error) = EarlierTrials.ToWarmStart($"study {id}", trials, spec.Space, spec.Objective);
        if (error is not null)
        {
            console.PlainLine($"{file}: warm_start.study: {error}");
            return (null, ExitCodes.InvalidSpec);
        }
        return (spec with { WarmStart = warmStart }, ExitCodes.Ok);
    }

    /// <summary>`tune run` starts a silo of its own, with no earlier studies in it: a study id there is an error (exit 2).</summary>
    public static bool RejectedWithoutCluster(StudySpec spec, string specPath, IAnsiConsole console)
    {
        if (spec.WarmStart?.Study is not { } id)
            return false;
        console.PlainLine($"{Path.GetFileName(specPath)}: warm_start.study: '{id}' names a study of a cluster, and tune run starts a silo of its own; " +
                          $"give the earlier study's results folder instead (tune export {id} --out DIR writes one)");
        return true;
    }
}
