using Microsoft.Extensions.Logging;

namespace Orleans.Tuning.Grains.Storage;

/// <summary>Grain state writes that outlast a database restart: retried with backoff until they land.</summary>
public static class Durably
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(2);

    /// <summary>Writes <paramref name="state"/>, retrying for up to <paramref name="patience"/> (ten minutes by default).</summary>
    /// <remarks>
    /// A write whose acknowledgement was lost may have landed: the retry then meets a newer ETag and is
    /// refused as inconsistent. This grain is the only writer, so the stored value is ours: read the ETag
    /// back, put our value over it, and write again.
    /// </remarks>
    public static async Task WriteAsync<T>(IPersistentState<T> state, ILogger log, TimeSpan? patience = null)
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
            catch (Exception e) when (DateTime.UtcNow < deadline)
            {
                log.LogWarning("writing {State} failed ({Error}); retrying in {Wait}", typeof(T).Name, e.Message, wait);
                await Task.Delay(wait);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LastRetry.Ticks));
                if (e is Orleans.Storage.InconsistentStateException) await Reclaim(state);
            }
        }
    }

    private static async Task Reclaim<T>(IPersistentState<T> state)
    {
        var ours = state.State;
        await state.ReadStateAsync();
        state.State = ours;
    }
}
