using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Studies;

/// <summary>Pandas or caviar for a study that asked for auto (course notes 3.3).</summary>
/// <remarks>
/// Auto is caviar, whatever the cluster: a population with successive halving won the league table at
/// equal epochs on every dataset (docs/benchmarks.md), and a population does not need a slot per
/// member: with fewer slots its members train in turns, and the lockstep barrier keeps every
/// decision the same. The slots only go into the reason shown to the user. The grain records the
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
        var how = slots >= populationSize ? "side by side" : "in turns";
        return (StudyStrategy.Caviar,
            $"auto: a population of {populationSize} with successive halving (the league table's winner), trained {how} on {slots} training {noun} on {silos} silo(s)");
    }
}
