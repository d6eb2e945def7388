using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Studies;

/// <summary>Pandas or caviar for a study that asked for auto (course notes 3.3): it depends on the compute at hand.</summary>
/// <remarks>
/// Decided from the cluster's training slots (its capacity, not the load of the moment) against the
/// population size, so the same cluster and spec always choose the same. The grain records the
/// choice in its state, and a replay uses the recorded choice, never a new one.
/// </remarks>
public static class StrategyChoice
{
    /// <summary>The strategy to run and the reason to show the user.</summary>
    /// <param name="slots">Training slots across the cluster's silos.</param>
    public static (StudyStrategy Strategy, string Reason) Choose(StudyStrategy asked, int populationSize, int slots, int silos)
    {
        if (asked != StudyStrategy.Auto) return (asked, "chosen in the spec");
        var noun = slots == 1 ? "slot" : "slots";
        // A population trains in lockstep: with fewer slots than members, each round waits for the slowest
        // queue, and the babysat panda spends the same compute without the wait.
        return slots >= populationSize
            ? (StudyStrategy.Caviar, $"auto: {slots} training {noun} on {silos} silo(s) hold a population of {populationSize} side by side")
            : (StudyStrategy.Panda, $"auto: {slots} training {noun} on {silos} silo(s), fewer than a population of {populationSize}, so one model at a time");
    }
}
