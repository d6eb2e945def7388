using System.Collections.Concurrent;
using Orleans.Storage;

namespace Orleans.Tuning.Grains.Tests.Storage;

/// <summary>The test cluster's grain storage, except that a test can make the next read of one grain fail, as an
/// activation on a silo that has just died, or a database that is restarting, would.</summary>
public sealed class FlakyGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private static readonly ConcurrentDictionary<GrainId, int> ReadsToFail = new();

    /// <summary>The next <paramref name="times"/> reads of <paramref name="grain"/>'s state throw, so its activations fail.</summary>
    public static void FailReads(GrainId grain, int times = 1) => ReadsToFail[grain] = times;

    public static int ReadsStillToFail(GrainId grain) => ReadsToFail.GetValueOrDefault(grain);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        while (ReadsToFail.TryGetValue(grainId, out var left) && left > 0)
        {
            if (ReadsToFail.TryUpdate(grainId, left - 1, left)) throw new IOException($"the test failed this read of {grainId}");
        }
        return inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.WriteStateAsync(stateName, grainId, grainState);
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
