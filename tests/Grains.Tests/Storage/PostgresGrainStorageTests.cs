using Orleans.Storage;

namespace Orleans.Tuning.Grains.Tests.Storage;

[Collection(StorageSiloCollection.Name)]
public sealed class PostgresGrainStorageTests(PostgresSilo silo) : GrainStorageConformance, IClassFixture<PostgresSilo>
{
    protected override IGrainStorage Storage => silo.Storage;
}
