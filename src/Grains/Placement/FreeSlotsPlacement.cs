using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Orleans.Tuning.Grains.Placement;

/// <summary>Activates a grain on the silo with the most free training slots: trials go where they can train now.</summary>
/// <remarks>Grain counts say nothing here: a silo with a hundred stopped trials may have every slot free.</remarks>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.FreeSlotsPlacement")]
public sealed class FreeSlotsPlacement : PlacementStrategy;

[AttributeUsage(AttributeTargets.Class)]
public sealed class FreeSlotsPlacementAttribute() : PlacementAttribute(new FreeSlotsPlacement());

internal sealed class FreeSlotsPlacementDirector(ClusterSlots slots) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        return Task.FromResult(slots.BookFreest(context.GetCompatibleSilos(target)));
    }
}
