using Orleans.Storage;

namespace Orleans.Tuning.Grains.Tests.Storage;

[Collection(StorageSiloCollection.Name)]
public sealed class MemoryGrainStorageTests(MemorySilo silo) : GrainStorageConformance, IClassFixture<MemorySilo>
{
    protected override IGrainStorage Storage => silo.Storage;
}
