using Orleans.Storage;
using Orleans.Tuning.Grains.Trials;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Grains.Tests.Storage;

// Inside the namespace: `Orleans.Configuration` would otherwise win the name.
using Configuration = Orleans.Tuning.Model.Search.Configuration;

/// <summary>
/// What the grains ask of their state storage, checked against the "tuning" provider each host configures:
/// one subclass per backend, each through the real IGrainStorage of a running silo.
/// </summary>
public abstract class GrainStorageConformance
{
    // The trial grain's own state name and grain type, so the rows look like the trials'.
    private const string StateName = "trial";
    private const int Megabyte = 1 << 20;

    protected abstract IGrainStorage Storage { get; }

    [Fact]
    public async Task A_state_never_written_reads_as_a_new_one()
    {
        var read = await ReadAsync(NewTrial());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.NotNull(read.State);
        Assert.Null(read.State.Plan);
        Assert.Null(read.State.Checkpoint);
        Assert.Empty(read.State.History);
    }

    [Fact]
    public async Task A_written_state_reads_back_whole_with_its_checkpoint()
    {
        var trial = NewTrial();
        var state = Trial(rounds: 3, checkpointBytes: 4 * Megabyte);
        var written = new GrainState<TrialGrainState>(state);

        await Storage.WriteStateAsync(StateName, trial, written);
        var read = await ReadAsync(trial);

        Assert.True(read.RecordExists);
        Assert.NotNull(read.ETag);
        Assert.Equal(written.ETag, read.ETag);
        DeepAssert.Equal(state, read.State);
    }

    [Fact]
    public async Task An_overwrite_replaces_the_state_and_its_ETag()
    {
        var trial = NewTrial();
        var first = Trial(rounds: 1, checkpointBytes: 3 * Megabyte);
        var written = new GrainState<TrialGrainState>(first);
        await Storage.WriteStateAsync(StateName, trial, written);
        var firstETag = written.ETag;

        var second = Trial(rounds: 2, checkpointBytes: Megabyte, previous: first.Checkpoint);
        written.State = second;
        await Storage.WriteStateAsync(StateName, trial, written);

        Assert.NotEqual(firstETag, written.ETag);
        var read = await ReadAsync(trial);
        Assert.Equal(written.ETag, read.ETag);
        DeepAssert.Equal(second, read.State);
    }

    [Fact]
    public async Task A_first_write_over_a_stored_state_raises_InconsistentStateException()
    {
        var trial = NewTrial();
        var (mine, theirs) = (await ReadAsync(trial), await ReadAsync(trial));
        theirs.State = Trial(rounds: 1, checkpointBytes: 1024, note: "theirs");
        await Storage.WriteStateAsync(StateName, trial, theirs);

        mine.State = Trial(rounds: 1, checkpointBytes: 1024, note: "mine");
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, trial, mine));

        Assert.Equal("theirs", await NoteAsync(trial));
    }

    [Fact]
    public async Task A_write_with_a_stale_ETag_raises_InconsistentStateException()
    {
        var trial = NewTrial();
        var writer = new GrainState<TrialGrainState>(Trial(rounds: 1, checkpointBytes: 1024));
        await Storage.WriteStateAsync(StateName, trial, writer);
        var stale = await ReadAsync(trial);
        writer.State = Trial(rounds: 2, checkpointBytes: 1024, note: "newer");
        await Storage.WriteStateAsync(StateName, trial, writer);

        stale.State = Trial(rounds: 2, checkpointBytes: 1024, note: "stale");
        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => Storage.WriteStateAsync(StateName, trial, stale));

        Assert.Equal("newer", await NoteAsync(trial));
        Assert.Equal(writer.ETag, (await ReadAsync(trial)).ETag);
    }

    [Fact]
    public async Task A_cleared_state_reads_as_a_new_one_and_can_be_written_again()
    {
        var trial = NewTrial();
        var state = new GrainState<TrialGrainState>(Trial(rounds: 2, checkpointBytes: Megabyte));
        await Storage.WriteStateAsync(StateName, trial, state);

        await Storage.ClearStateAsync(StateName, trial, state);
        var cleared = await ReadAsync(trial);

        Assert.False(cleared.RecordExists);
        Assert.NotNull(cleared.State);
        Assert.Null(cleared.State.Checkpoint);
        Assert.Empty(cleared.State.History);

        var again = Trial(rounds: 1, checkpointBytes: 2048, note: "again");
        cleared.State = again;
        await Storage.WriteStateAsync(StateName, trial, cleared);
        DeepAssert.Equal(again, (await ReadAsync(trial)).State);
    }

    [Fact]
    public async Task Each_grain_and_each_state_name_keeps_its_own_state()
    {
        var (one, two) = (NewTrial(), NewTrial());
        await Storage.WriteStateAsync(StateName, one, new GrainState<TrialGrainState>(Trial(1, 1024, note: "one")));
        await Storage.WriteStateAsync(StateName, two, new GrainState<TrialGrainState>(Trial(1, 1024, note: "two")));
        await Storage.WriteStateAsync("other", one, new GrainState<TrialGrainState>(Trial(1, 1024, note: "other")));

        Assert.Equal("one", await NoteAsync(one));
        Assert.Equal("two", await NoteAsync(two));
        Assert.Equal("other", await NoteAsync(one, "other"));
    }

    private async Task<IGrainState<TrialGrainState>> ReadAsync(GrainId trial, string stateName = StateName)
    {
        var state = new GrainState<TrialGrainState>(new TrialGrainState());
        await Storage.ReadStateAsync(stateName, trial, state);
        return state;
    }

    private async Task<string?> NoteAsync(GrainId trial, string stateName = StateName) =>
        (await ReadAsync(trial, stateName)).State?.Note ?? "(no state)";

    private static GrainId NewTrial() => GrainId.Create("tuning.trial", TrialKeys.Of("study-" + Guid.NewGuid().ToString("N"), 7));

    private static TrialGrainState Trial(int rounds, int checkpointBytes, byte[]? previous = null, string? note = null)
    {
        var hyperparameters = new Configuration([
            KeyValuePair.Create("activation", (ParameterValue)"relu"),
            KeyValuePair.Create("learning_rate", (ParameterValue)0.00123),
            KeyValuePair.Create("hidden", (ParameterValue)96.0),
        ]);
        var checkpoint = new byte[checkpointBytes];
        new Random(checkpointBytes + rounds).NextBytes(checkpoint);
        return new TrialGrainState
        {
            Plan = new TrialPlan("study", 7, hyperparameters, new DataReference("data/digits.csv", null, 0.2, 42), 1234567890123UL, 2,
                new Configuration([KeyValuePair.Create("batch_size", (ParameterValue)32.0)])),
            State = TrialState.Running,
            Hyperparameters = hyperparameters,
            History = [.. Enumerable.Range(1, rounds).Select(r => new RoundMetrics(r, 2 * r, 1.0 / r, 1.1 / r, 0.5 + r * 0.01, 0.00123, 0.75))],
            Checkpoint = checkpoint,
            PreviousCheckpoint = previous,
            LearningRate = rounds > 1 ? 0.0005 : null,
            Note = note,
            Resumes = rounds - 1,
        };
    }
}
