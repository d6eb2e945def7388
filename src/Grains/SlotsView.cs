namespace Orleans.Tuning.Grains;

/// <summary>The cluster's training slots as a study sees them when it chooses a strategy.</summary>
public sealed class SlotsView(TrainingPool pool, IGrainFactory grains)
{
    public async Task<int> SiloCount() => (await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count;

    /// <summary>This silo's free slots exactly; every other silo is assumed as free as its slot count.</summary>
    public async Task<int> ClusterFreeSlots() => pool.FreeSlots + Math.Max(0, await SiloCount() - 1) * pool.Slots;
}
