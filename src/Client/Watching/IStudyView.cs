using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Watching;

/// <summary>Shows a study's status while it is watched: a live table on a terminal, progress lines elsewhere.</summary>
internal interface IStudyView
{
    /// <summary>Runs <paramref name="watch"/>, showing every status it passes to its callback.</summary>
    Task<T> ShowWhile<T>(Func<Action<StudyStatus>, Task<T>> watch);
}
