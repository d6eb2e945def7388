namespace Orleans.Tuning.Grains.Studies;

/// <summary>The cluster's list of studies (one grain, key 0), so a console can find them by id.</summary>
[Alias("Orleans.Tuning.IStudyDirectoryGrain")]
public interface IStudyDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(string studyId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();
}

[GenerateSerializer, Alias("Orleans.Tuning.StudyDirectoryState")]
public sealed class StudyDirectoryState
{
    [Id(0)] public List<string> Studies { get; set; } = [];
}

[GrainType("tuning.directory")]
public sealed class StudyDirectoryGrain(
    [PersistentState("directory", StorageNames.Tuning)] IPersistentState<StudyDirectoryState> state) : Grain, IStudyDirectoryGrain
{
    public async Task Register(string studyId)
    {
        if (state.State.Studies.Contains(studyId)) return;
        state.State.Studies.Add(studyId);
        await state.WriteStateAsync();
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Studies]);
}
