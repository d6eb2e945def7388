using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Orleans.Tuning.Grains.Storage;

/// <summary>Grain state writes that outlast a database restart: retried with backoff until they land.</summary>
public static class Durably
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(2);

    /// <summary>Writes <paramref name="state"/>, retrying for up to <paramref name="patience"/> (ten minutes by default).</summary>
    /// <remarks>
    /// An ETag conflict is not retried: someone else wrote the state — another activation of this grain
    /// (this one lives on a silo declared dead, say), or our own earlier write whose acknowledgement was
    /// lost. Either way the stored state is the truth: this activation leaves, and the next call
    /// rebuilds the grain from storage. Overwriting it could undo a newer activation's work.
    /// </remarks>
    public static async Task WriteAsync<T>(IPersistentState<T> state, ILogger log, IGrainBase grain, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromMinutes(10));
        var wait = FirstRetry;
        while (true)
        {
            try
            {
                await state.WriteStateAsync();
                return;
            }
            catch (InconsistentStateException e)
            {
                log.LogWarning("{Grain}: {State} was written by another activation ({Error}); this one steps down", grain.GrainContext.GrainId, typeof(T).Name, e.Message);
                grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "stored state written elsewhere"));
                throw;
            }
            catch (Exception e) when (DateTime.UtcNow < deadline)
            {
                log.LogWarning("writing {State} failed ({Error}); retrying in {Wait}", typeof(T).Name, e.Message, wait);
                await Task.Delay(wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
            }
        }
    }
}
