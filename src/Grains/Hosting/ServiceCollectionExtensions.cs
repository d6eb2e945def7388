using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>The silo-wide services the grains need: the training pool, the dataset cache and the trial runner.</summary>
    public static IServiceCollection AddTuning(this IServiceCollection services, Action<TrainingPoolOptions>? configure = null)
    {
        services.AddOptions<TrainingPoolOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton<TrainingPool>();
        // An embedded host may hand in the cache its command already filled while checking the data.
        services.TryAddSingleton<DatasetCache>();
        services.AddSingleton<ITrialRunner, NetworkTrialRunner>();
        services.AddSingleton<SlotsView>();
        services.AddHostedService<Studies.SiloDeathWatcher>();
        // The embedded default keeps study logs in memory; a production host registers its store first.
        services.TryAddSingleton<Storage.IStudyStore, Storage.MemoryStudyStore>();
        return services;
    }
}
