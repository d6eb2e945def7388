using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Display.StudyPage;

/// <summary>Where the study page reads studies from: the cluster's grains, or a script in a test.</summary>
public interface IStudySource
{
    Task<IReadOnlyList<string>> List();

    Task<StudyResults> Results(string id);
}

/// <summary>The studies of a cluster: the directory grain lists them, each study grain answers for itself.</summary>
public sealed class GrainStudySource(IGrainFactory grains) : IStudySource
{
    public Task<IReadOnlyList<string>> List() => grains.GetGrain<IStudyDirectoryGrain>(0).List();

    public Task<StudyResults> Results(string id) => grains.GetGrain<IStudyGrain>(id).GetResults();
}
