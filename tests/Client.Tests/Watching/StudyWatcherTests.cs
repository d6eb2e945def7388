using Orleans.Tuning.Client.Tests.Results;
using Orleans.Tuning.Client.Watching;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Tests.Watching;

public class StudyWatcherTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(1);

    [Fact]
    public async Task Watching_ends_when_the_study_leaves_running()
    {
        var study = new ScriptedStudy(
            SampleResults.Status(StudyPhase.Running),
            SampleResults.Status(StudyPhase.Running),
            SampleResults.Status(StudyPhase.Completed));
        var shown = new List<StudyStatus>();

        var (status, cancelled) = await new StudyWatcher(study, Fast).WatchAsync(shown.Add, CancellationToken.None);

        Assert.Equal(StudyPhase.Completed, status.Phase);
        Assert.False(cancelled);
        Assert.Equal(3, shown.Count);
        Assert.Null(study.CancelledWith);
    }

    [Fact]
    public async Task Ctrl_c_cancels_the_study_and_waits_until_it_has_stopped()
    {
        using var ctrlC = new CancellationTokenSource();
        var study = new ScriptedStudy(SampleResults.Status(StudyPhase.Running))
        {
            OnPoll = poll => { if (poll == 2) ctrlC.Cancel(); },
        };
        var shown = new List<StudyStatus>();

        var (status, cancelled) = await new StudyWatcher(study, Fast).WatchAsync(shown.Add, ctrlC.Token);

        Assert.True(cancelled);
        Assert.Equal("cancelled by user", study.CancelledWith);
        Assert.Equal(StudyPhase.Cancelled, status.Phase);
        Assert.Equal(StudyPhase.Cancelled, shown[^1].Phase);
    }

    [Fact]
    public void A_progress_line_changes_with_the_study_but_not_with_the_clock()
    {
        var status = SampleResults.Status(StudyPhase.Running, SampleResults.Best);

        var (key, line) = ProgressLinesView.Format(status);
        var (later, _) = ProgressLinesView.Format(status with { Elapsed = TimeSpan.FromMinutes(3) });
        var (moved, _) = ProgressLinesView.Format(status with { EpochsUsed = 35 });

        Assert.Equal("[00:42/10:00] running  trials 3/4  epochs 30  generation 1  active 0  best accuracy 0.9556 (trial 1)", line);
        Assert.Equal(key, later);
        Assert.NotEqual(key, moved);
    }
}
