using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Tuning.Grains.Storage;

namespace Orleans.Tuning.Grains;

public static class EmbeddedSilo
{
    /// <summary>
    /// The single-process default: localhost clustering, grain state in this process's memory (through
    /// Orleans' serializer, as every tuning store), in-memory reminders, and the tuning services.
    /// </summary>
    public static ISiloBuilder UseEmbeddedTuning(this ISiloBuilder silo, int siloPort, int gatewayPort, Action<TrainingPoolOptions>? pool = null)
    {
        silo.UseLocalhostClustering(siloPort, gatewayPort);
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.Tuning, (services, _) =>
            new InProcessGrainStorage(new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>())));
        silo.UseInMemoryReminderService();
        silo.Services.AddTuning(pool);
        return silo;
    }
}
