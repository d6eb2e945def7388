using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>The silo-wide services the grains need: the training pool, the dataset cache, the trial runner, slot-aware placement and the study store.</summary>
    public static IServiceCollection AddTuning(this IServiceCollection services, Action<TrainingPoolOptions>? configure = null)
    {
        services.AddOptions<TrainingPoolOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton<TrainingPool>();
        // An embedded host may hand in the cache its command already filled while checking the data.
        services.TryAddSingleton<DatasetCache>();
        services.AddSingleton<NetworkTrialRunner>();
        services.AddSingleton<SyntheticTrialRunner>();
        services.AddSingleton<ITrialRunner, TrialRunnerByData>();
        // Every silo sees every silo's free slots: trials are placed by them, and `auto` counts them.
        services.AddGrainService<Placement.TrainingSlotsService>();
        services.AddSingleton<Placement.ITrainingSlotsClient, Placement.TrainingSlotsClient>();
        services.AddSingleton<Placement.ClusterSlots>();
        services.AddHostedService(sp => sp.GetRequiredService<Placement.ClusterSlots>());
        services.AddPlacementDirector<Placement.FreeSlotsPlacement, Placement.FreeSlotsPlacementDirector>();
        services.AddHostedService<Studies.SiloDeathWatcher>();
        // The embedded default keeps study logs in memory; a production host registers its store first.
        services.TryAddSingleton<Storage.IStudyStore, Storage.MemoryStudyStore>();
        return services;
    }
}
