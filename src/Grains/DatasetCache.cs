using System.Collections.Concurrent;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Grains;

/// <summary>Where a trial's data comes from and how it is split; equal references share one loaded copy. <see cref="Synthetic"/> names a test function evaluated instead.</summary>
/// <remarks>The test part is fixed by <see cref="TestSeed"/> (the study's seed) whatever <see cref="SplitSeed"/> a re-test brings.</remarks>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.DataReference")]
public sealed record DataReference(
    [property: Id(0)] string Path,
    [property: Id(1)] string? LabelsPath,
    [property: Id(2)] double ValidationFraction,
    [property: Id(3)] int SplitSeed,
    [property: Id(4)] double TestFraction = 0,
    [property: Id(5)] string? TestPath = null,
    [property: Id(6)] string? TestLabelsPath = null,
    [property: Id(7)] int TestSeed = 0,
    [property: Id(8)] string? Synthetic = null)
{
    /// <summary>The data a study's trials train on: the spec's files, the test part held out by the study's seed, the rest split by <paramref name="splitSeed"/> (default: the study's seed).</summary>
    public static DataReference Of(StudySpec spec, int? splitSeed = null) =>
        new(spec.Data.Path, spec.Data.LabelsPath, spec.Data.ValidationFraction, splitSeed ?? spec.Seed,
            spec.Data.TestFraction, spec.Data.TestPath, spec.Data.TestLabelsPath, spec.Seed, spec.Data.Synthetic);

    public TestPart Test => new(TestFraction, TestPath, TestLabelsPath, TestSeed);
}

/// <summary>Loads each dataset once per process, however many trials train on it.</summary>
/// <remarks>
/// The client checks a study's data before submitting it by loading it through this cache; the
/// embedded silo shares the client's instance, so the check costs no second load.
/// </remarks>
public sealed class DatasetCache
{
    // Re-tests train on fresh splits, each a prepared copy: the cache keeps the newest few and lets older ones go
    // (a session still training on one holds its own reference).
    private const int MaxKept = 6;
    private readonly ConcurrentDictionary<DataReference, Lazy<PreparedDataset>> _loaded = new();
    private readonly ConcurrentQueue<DataReference> _order = new();

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
            _order.Enqueue(d);
            while (_order.Count > MaxKept && _order.TryDequeue(out var oldest)) _loaded.TryRemove(oldest, out _);
            return PreparedDataset.Load(d.Path, d.LabelsPath, d.ValidationFraction, d.SplitSeed, d.Test);
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
