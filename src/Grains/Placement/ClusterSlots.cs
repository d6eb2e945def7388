using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Tuning.Grains.Placement;

/// <summary>This silo's view of every silo's free training slots, refreshed a few times a second in the background.</summary>
/// <remarks>
/// Placement reads it synchronously: asking a silo during placement would make every activation wait on
/// the slowest (or a hung) silo. A placement also books a slot on its silo until the next refresh, so a
/// population placed in one burst spreads instead of piling onto the silo that looked freest.
/// </remarks>
public sealed class ClusterSlots(IClusterMembershipService membership, ITrainingSlotsClient slots, ILogger<ClusterSlots> log) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<SiloAddress, Entry> _silos = new();

    /// <summary>Free slots of each active silo as last seen, minus the slots booked since.</summary>
    public int Free(SiloAddress silo) => _silos.TryGetValue(silo, out var e) ? e.Count.Free - e.Booked : 0;

    /// <summary>Every active silo's free slots (those not yet heard from count as none).</summary>
    public int ClusterFree => _silos.Values.Sum(e => Math.Max(0, e.Count.Free - e.Booked));

    /// <summary>Every active silo's training slots, busy or not.</summary>
    public int ClusterCapacity => _silos.Values.Sum(e => e.Count.Slots);

    public int SiloCount => Math.Max(1, _silos.Count);

    public bool Known(SiloAddress silo) => _silos.ContainsKey(silo);

    public void Book(SiloAddress silo) => _silos.AddOrUpdate(silo, _ => new Entry(default, 1), (_, e) => e with { Booked = e.Booked + 1 });

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RefreshAll(stopping);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                log.LogDebug("refreshing free slots failed: {Error}", e.Message);
            }
            await Task.Delay(Refresh, stopping).ContinueWith(_ => { });
        }
    }

    /// <summary>Asks every active silo now; the first study of a fresh cluster needs the numbers before the background loop has run.</summary>
    public async Task RefreshAll(CancellationToken cancellation = default)
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToHashSet();
        foreach (var gone in _silos.Keys.Where(s => !active.Contains(s))) _silos.TryRemove(gone, out _);
        await Task.WhenAll(active.Select(async silo =>
        {
            try
            {
                var count = await slots.Count(silo).WaitAsync(AskTimeout, cancellation);
                _silos[silo] = new Entry(count, 0);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
            {
                // A hung or departing silo offers nothing until it answers again.
                _silos[silo] = new Entry(default, 0);
            }
        }));
    }

    private sealed record Entry(SlotCount Count, int Booked);
}
