using System.Collections.Concurrent;
using Orleans.Storage;

namespace Orleans.Tuning.Grains.Storage;

/// <summary>The embedded default's grain state: serialized bytes in this process's memory, with ETags as any store.</summary>
/// <remarks>
/// Orleans' memory storage keeps state in storage grains, so every read and write is a grain call as well as a
/// copy; a trial does three of them (its activation's read, the write before it reports, the write when it stops),
/// which in bench/Orchestration was about a tenth of the silo's time per report. A single-process silo has no one
/// to share the state with, so a dictionary does the same job. The state still goes through the configured
/// serializer, so what a grain holds is never the stored object, and a lost write is as lost as on a real store.
/// </remarks>
public sealed class InProcessGrainStorage(IGrainStorageSerializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<(string StateName, GrainId Grain), Stored> _states = new();
    private long _versions;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_states.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Bytes);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var next = new Stored(serializer.Serialize(grainState.State), Interlocked.Increment(ref _versions).ToString());
        // Compare-and-swap on the ETag the writer read: a second activation's stale write is refused, not applied.
        var swapped = grainState.ETag is null
            ? _states.TryAdd(key, next)
            : _states.TryGetValue(key, out var current) && current.ETag == grainState.ETag && _states.TryUpdate(key, next, current);
        if (!swapped) throw Inconsistent(key, grainState.ETag);
        grainState.ETag = next.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        if (_states.TryGetValue(key, out var current))
        {
            if (current.ETag != grainState.ETag || !_states.TryRemove(KeyValuePair.Create(key, current))) throw Inconsistent(key, grainState.ETag);
        }
        else if (grainState.ETag is not null)
        {
            throw Inconsistent(key, grainState.ETag);
        }
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private InconsistentStateException Inconsistent((string StateName, GrainId Grain) key, string? etag) =>
        new($"{key.Grain}'s state '{key.StateName}' was written by someone else since it was read",
            _states.TryGetValue(key, out var stored) ? stored.ETag : "(none)", etag ?? "(none)");

    private sealed record Stored(BinaryData Bytes, string ETag);
}
