using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Grains.Storage;

/// <summary>
/// Another activation of the study wrote events where this one meant to: a silo declared dead woke up
/// (a "zombie"), or two activations briefly coexisted. The log keeps the first writer's events; the
/// loser must stop deciding, deactivate and be rebuilt from the log.
/// </summary>
[GenerateSerializer, Alias("Orleans.Tuning.StudyLogConflict")]
public sealed class StudyLogConflict(string message) : Exception(message)
{
    internal static void ThrowIfForeign(string studyId, long firstSeq, IReadOnlyList<StudyEvent> ours, IReadOnlyList<StudyEvent> stored)
    {
        for (var i = 0; i < stored.Count; i++)
        {
            if (!Equals(stored[i], ours[i]))
                throw new StudyLogConflict($"study {studyId}: event {firstSeq + i} was written by another activation");
        }
    }
}
