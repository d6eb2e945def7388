namespace Orleans.Tuning.Grains.Studies;

/// <summary>The cluster's list of studies (one grain, key 0), so a console can find them by id and a silo can wake the running ones.</summary>
[Alias("Orleans.Tuning.IStudyDirectoryGrain")]
public interface IStudyDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(string studyId);

    /// <summary>The study has ended: it no longer needs waking when a silo dies.</summary>
    [Alias("Finished")]
    Task Finished(string studyId);

    [Alias("List")]
    Task<IReadOnlyList<string>> List();

    [Alias("Running")]
    Task<IReadOnlyList<string>> Running();
}

[GenerateSerializer, Alias("Orleans.Tuning.StudyDirectoryState")]
public sealed class StudyDirectoryState
{
    [Id(0)] public List<string> Studies { get; set; } = [];
    [Id(1)] public HashSet<string> Running { get; set; } = [];
}

[GrainType("tuning.directory")]
public sealed class StudyDirectoryGrain(
    [PersistentState("directory", StorageNames.Tuning)] IPersistentState<StudyDirectoryState> state,
    Microsoft.Extensions.Logging.ILogger<StudyDirectoryGrain> log) : Grain, IStudyDirectoryGrain
{
    public async Task Register(string studyId)
    {
        if (state.State.Studies.Contains(studyId) && state.State.Running.Contains(studyId)) return;
        if (!state.State.Studies.Contains(studyId)) state.State.Studies.Add(studyId);
        state.State.Running.Add(studyId);
        await Storage.Durably.WriteAsync(state, log);
    }

    public async Task Finished(string studyId)
    {
        if (!state.State.Running.Remove(studyId)) return;
        await Storage.Durably.WriteAsync(state, log);
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Studies]);

    public Task<IReadOnlyList<string>> Running() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Running]);
}
