using Microsoft.Extensions.DependencyInjection;
using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains;

public static class ServiceCollectionExtensions
{
    /// <summary>The silo-wide services the grains need: the training pool, the dataset cache and the trial runner.</summary>
    public static IServiceCollection AddTuning(this IServiceCollection services, Action<TrainingPoolOptions>? configure = null)
    {
        services.AddOptions<TrainingPoolOptions>().Configure(o => configure?.Invoke(o));
        services.AddSingleton<TrainingPool>();
        services.AddSingleton<DatasetCache>();
        services.AddSingleton<ITrialRunner, NetworkTrialRunner>();
        return services;
    }
}
