using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Watching;

/// <summary>Polls a study until it leaves Running; on the user's Ctrl-C it cancels the study and waits for it to settle, or (detaching) just stops watching.</summary>
/// <param name="detachOnInterrupt">`watch` leaves a cluster's study running; `run` owns its study and cancels it.</param>
internal sealed class StudyWatcher(IStudyGrain study, TimeSpan interval, bool detachOnInterrupt = false)
{
    public const string CancelReason = "cancelled by user";

    /// <returns>The last status, and whether the user cancelled.</returns>
    public async Task<(StudyStatus Status, bool CancelledByUser)> WatchAsync(Action<StudyStatus> show, CancellationToken cancellation)
    {
        var status = await study.GetStatus();
        show(status);
        var cancelled = false;
        while (status.IsRunning())
        {
            if (!cancelled)
            {
                try
                {
                    await Task.Delay(interval, cancellation);
                }
                catch (OperationCanceledException) when (detachOnInterrupt)
                {
                    return (status, true);
                }
                catch (OperationCanceledException)
                {
                    // Grain calls go on without the token: the study must still hear Cancel and hand over its results.
                    cancelled = true;
                    status = await study.Cancel(CancelReason);
                    show(status);
                    continue;
                }
            }
            else
            {
                await Task.Delay(interval, CancellationToken.None);
            }
            status = await study.GetStatus();
            show(status);
        }
        return (status, cancelled);
    }
}
