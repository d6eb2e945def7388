namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Builds a stopping scheduler from a study spec's kind, and restores one from its persisted history.</summary>
public static class StoppingScheduler
{
    public static IReadOnlyList<string> Kinds { get; } = ["none", "median", "asha"];

    /// <summary>A fresh scheduler; the options a kind does not use are ignored.</summary>
    /// <param name="graceRounds">Rounds every trial trains before it can be stopped: median's grace period, and ASHA's first rung sits just after it.</param>
    public static IStoppingScheduler Create(
        string kind, int maxRounds, int graceRounds = 1, int minTrials = 3, int reductionFactor = 3) =>
        kind.Trim().ToLowerInvariant() switch
        {
            "none" => new NoStopping(),
            "median" => new MedianStopping(graceRounds, minTrials),
            "asha" => new Asha(maxRounds, minRounds: graceRounds + 1, reductionFactor),
            _ => throw new ArgumentException($"unknown scheduler '{kind}' (expected one of: {string.Join(", ", Kinds)})", nameof(kind)),
        };

    /// <summary>Replays a persisted history into a fresh scheduler (built with the same kind and options), giving it back its state.</summary>
    public static IStoppingScheduler Restore(IStoppingScheduler fresh, IEnumerable<RoundResult> history)
    {
        if (fresh.History.Count > 0)
            throw new ArgumentException("restore into a fresh scheduler, one that has seen nothing", nameof(fresh));
        foreach (var result in history)
            fresh.OnResult(result);
        return fresh;
    }
}
