using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Services;
using Orleans.Services;

namespace Orleans.Tuning.Grains.Placement;

/// <summary>A silo's training slots: how many it has and how many are free right now.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.SlotCount")]
public readonly record struct SlotCount([property: Id(0)] int Slots, [property: Id(1)] int Free);

/// <summary>One per silo: answers for that silo's training pool, so any silo can see the whole cluster's free slots.</summary>
[Alias("Orleans.Tuning.ITrainingSlots")]
public interface ITrainingSlots : IGrainService
{
    [Alias("Count"), AlwaysInterleave]
    Task<SlotCount> Count();
}

[Reentrant]
internal sealed class TrainingSlotsService(GrainId id, Silo silo, ILoggerFactory loggers, TrainingPool pool)
    : GrainService(id, silo, loggers), ITrainingSlots
{
    public Task<SlotCount> Count() => Task.FromResult(new SlotCount(pool.Slots, pool.FreeSlots));
}

/// <summary>Reaches the <see cref="ITrainingSlots"/> service of a given silo.</summary>
public interface ITrainingSlotsClient : IGrainServiceClient<ITrainingSlots>
{
    Task<SlotCount> Count(SiloAddress silo);
}

internal sealed class TrainingSlotsClient(IServiceProvider services) : GrainServiceClient<ITrainingSlots>(services), ITrainingSlotsClient
{
    public Task<SlotCount> Count(SiloAddress silo) => GetGrainService(silo).Count();
}
