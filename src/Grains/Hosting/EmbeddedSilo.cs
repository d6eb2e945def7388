using Microsoft.Extensions.DependencyInjection;

namespace Orleans.Tuning.Grains;

public static class EmbeddedSilo
{
    /// <summary>
    /// The single-process default: localhost clustering, in-memory grain state (through Orleans'
    /// serializer, as every tuning store) and reminders, and the tuning services.
    /// </summary>
    public static ISiloBuilder UseEmbeddedTuning(this ISiloBuilder silo, int siloPort, int gatewayPort, Action<TrainingPoolOptions>? pool = null)
    {
        silo.UseLocalhostClustering(siloPort, gatewayPort);
        silo.AddMemoryGrainStorage(StorageNames.Tuning, o => o.UseOrleansSerializer());
        silo.UseInMemoryReminderService();
        silo.Services.AddTuning(pool);
        return silo;
    }
}
