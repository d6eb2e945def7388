using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>When membership declares a silo dead, wakes every running study so the trials that lived there resume on the survivors at once.</summary>
/// <remarks>
/// The study's one-minute watchdog would find them too; this is the failover path, the watchdog the backstop.
/// Every surviving silo does it: waking a study is idempotent, and no survivor has to be chosen.
/// </remarks>
internal sealed class SiloDeathWatcher(IClusterMembershipService membership, ILocalSiloDetails local, IGrainFactory grains, ILogger<SiloDeathWatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                // A silo that is shutting down sees itself declared dead: it has nothing to wake, and no grain can be placed
                // on it any more (every call would retry until it gave up).
                if (stopping.IsCancellationRequested) break;
                var newlyDead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && m.SiloAddress != local.SiloAddress && dead.Add(m.SiloAddress))
                    .Select(m => m.SiloAddress)
                    .ToList();
                // The first snapshot lists silos that died before this one joined: their trials were resumed long ago.
                if (first || newlyDead.Count == 0)
                {
                    first = false;
                    continue;
                }
                log.LogWarning("silo(s) {Silos} declared dead: resuming their trials", string.Join(", ", newlyDead));
                await WakeRunningStudies();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
    }

    private async Task WakeRunningStudies()
    {
        try
        {
            foreach (var id in await grains.GetGrain<IStudyDirectoryGrain>(0).Running())
                await grains.GetGrain<IStudyGrain>(id).ResumeTrials();
        }
        catch (Exception e)
        {
            log.LogWarning("waking running studies failed; their watchdogs will: {Error}", e.Message);
        }
    }
}
