using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orleans.Tuning.Grains.Placement;

/// <summary>This silo's view of every silo's free training slots, refreshed a few times a second in the background.</summary>
/// <remarks>
/// Placement reads it synchronously: asking a silo during placement would make every activation wait on
/// the slowest (or a hung) silo. A placement also books a slot on its silo for a couple of seconds, long
/// enough for the trial to activate and start training there, so a population placed in one burst spreads
/// instead of piling onto the silo that looked freest. A refresh does not clear bookings: its count may have
/// been taken before the booked trials started, and would then offer their slots a second time.
/// </remarks>
public sealed class ClusterSlots(IClusterMembershipService membership, ITrainingSlotsClient slots, ILogger<ClusterSlots> log) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan AskTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan BookingLife = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<SiloAddress, Entry> _silos = new();
    private readonly ConcurrentDictionary<SiloAddress, ConcurrentQueue<DateTime>> _bookings = new();

    /// <summary>Free slots of each active silo as last seen, minus the slots booked lately.</summary>
    public int Free(SiloAddress silo) => _silos.TryGetValue(silo, out var e) ? e.Count.Free - Booked(silo) : 0;

    /// <summary>Every active silo's free slots (those not yet heard from count as none).</summary>
    public int ClusterFree => _silos.Sum(s => Math.Max(0, s.Value.Count.Free - Booked(s.Key)));

    /// <summary>Every active silo's training slots, busy or not.</summary>
    public int ClusterCapacity => _silos.Values.Sum(e => e.Count.Slots);

    public int SiloCount => Math.Max(1, _silos.Count);

    public bool Known(SiloAddress silo) => _silos.ContainsKey(silo);

    /// <summary>Books a slot on the candidate with the most free slots (among equals, a random one, so equal silos share the work).</summary>
    /// <remarks>
    /// Choosing and booking are one step under a lock: a population's trials are placed concurrently, and two placements
    /// that both read the free counts before either booked would both take the same freest silo.
    /// </remarks>
    public SiloAddress BookFreest(IReadOnlyList<SiloAddress> candidates)
    {
        lock (_placing)
        {
            var best = candidates
                .OrderByDescending(s => Known(s) ? Free(s) : int.MinValue)
                .ThenBy(_ => Random.Shared.Next())
                .First();
            Book(best);
            return best;
        }
    }

    private readonly object _placing = new();

    private void Book(SiloAddress silo)
    {
        _silos.TryAdd(silo, new Entry(default));
        _bookings.GetOrAdd(silo, _ => new ConcurrentQueue<DateTime>()).Enqueue(DateTime.UtcNow);
    }

    private int Booked(SiloAddress silo)
    {
        if (!_bookings.TryGetValue(silo, out var queue)) return 0;
        var expired = DateTime.UtcNow - BookingLife;
        while (queue.TryPeek(out var at) && at < expired) queue.TryDequeue(out _);
        return queue.Count;
    }

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
        foreach (var gone in _silos.Keys.Where(s => !active.Contains(s)))
        {
            _silos.TryRemove(gone, out _);
            _bookings.TryRemove(gone, out _);
        }
        await Task.WhenAll(active.Select(async silo =>
        {
            try
            {
                var count = await slots.Count(silo).WaitAsync(AskTimeout, cancellation);
                _silos[silo] = new Entry(count);
            }
            catch (Exception e) when (e is TimeoutException or OrleansException or SiloUnavailableException)
            {
                // A hung or departing silo offers nothing until it answers again.
                _silos[silo] = new Entry(default);
            }
        }));
    }

    private sealed record Entry(SlotCount Count);
}
