using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Studies;

/// <summary>Pandas or caviar for a study that asked for auto (course notes 3.3): it depends on the compute at hand.</summary>
public static class StrategyChoice
{
    /// <summary>A population needs at least two models training side by side to compare and copy.</summary>
    public const int PopulationMinimum = 2;

    /// <summary>The strategy to run and the reason to show the user.</summary>
    public static (StudyStrategy Strategy, string Reason) Choose(StudyStrategy asked, int freeSlots, int silos)
    {
        if (asked != StudyStrategy.Auto) return (asked, "chosen in the spec");
        var slots = freeSlots == 1 ? "slot" : "slots";
        return freeSlots >= PopulationMinimum
            ? (StudyStrategy.Caviar, $"auto: {freeSlots} free training {slots} on {silos} silo(s), enough to train a population side by side")
            : (StudyStrategy.Panda, $"auto: {freeSlots} free training {slots} on {silos} silo(s), so one model at a time");
    }
}
