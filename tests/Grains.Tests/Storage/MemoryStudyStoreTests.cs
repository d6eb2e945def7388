using Orleans.Tuning.Grains.Storage;

namespace Orleans.Tuning.Grains.Tests.Storage;

public sealed class MemoryStudyStoreTests : StudyStoreConformance
{
    protected override IStudyStore Store { get; } = new MemoryStudyStore();
}
