using System.Collections.Concurrent;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Grains;

/// <summary>Where a trial's data comes from and how it is split; equal references share one loaded copy.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.DataReference")]
public sealed record DataReference(
    [property: Id(0)] string Path,
    [property: Id(1)] string? LabelsPath,
    [property: Id(2)] double ValidationFraction,
    [property: Id(3)] int SplitSeed)
{
    /// <summary>The data a study's trials train on: the spec's files, split by the study's seed.</summary>
    public static DataReference Of(StudySpec spec) => new(spec.Data.Path, spec.Data.LabelsPath, spec.Data.ValidationFraction, spec.Seed);
}

/// <summary>Loads each dataset once per process, however many trials train on it.</summary>
/// <remarks>
/// The client checks a study's data before submitting it by loading it through this cache; the
/// embedded silo shares the client's instance, so the check costs no second load.
/// </remarks>
public sealed class DatasetCache
{
    private readonly ConcurrentDictionary<DataReference, Lazy<PreparedDataset>> _loaded = new();

    private int _loads;

    /// <summary>How many datasets this silo has read from disk (a cache that works keeps it at one per dataset).</summary>
    public int LoadCount => Volatile.Read(ref _loads);

    /// <summary>The prepared dataset; the first caller loads and checks it (on its own thread: a training slot, never a grain turn).</summary>
    /// <exception cref="DataFormatException">The data cannot be read or could not teach a network anything.</exception>
    public PreparedDataset Get(DataReference data)
    {
        var lazy = _loaded.GetOrAdd(data, d => new Lazy<PreparedDataset>(() =>
        {
            Interlocked.Increment(ref _loads);
            return PreparedDataset.Load(d.Path, d.LabelsPath, d.ValidationFraction, d.SplitSeed);
        }));
        try { return lazy.Value; }
        catch
        {
            // A failed load (file missing on this silo) must not poison the cache for a later retry.
            _loaded.TryRemove(new KeyValuePair<DataReference, Lazy<PreparedDataset>>(data, lazy));
            throw;
        }
    }
}
