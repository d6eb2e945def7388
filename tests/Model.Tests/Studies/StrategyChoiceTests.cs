using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class StrategyChoiceTests
{
    [Fact]
    public void Auto_picks_caviar_when_a_population_fits_in_the_free_slots()
    {
        var (strategy, reason) = StrategyChoice.Choose(StudyStrategy.Auto, freeSlots: 4, silos: 2);
        Assert.Equal(StudyStrategy.Caviar, strategy);
        Assert.Contains("4 free training slots on 2 silo(s)", reason);
    }

    [Fact]
    public void Auto_picks_a_panda_when_only_one_slot_is_free()
    {
        var (strategy, reason) = StrategyChoice.Choose(StudyStrategy.Auto, freeSlots: 1, silos: 1);
        Assert.Equal(StudyStrategy.Panda, strategy);
        Assert.Contains("1 free training slot on", reason);
    }

    [Fact]
    public void A_strategy_named_in_the_spec_is_kept() =>
        Assert.Equal((StudyStrategy.Panda, "chosen in the spec"), StrategyChoice.Choose(StudyStrategy.Panda, freeSlots: 8, silos: 1));
}
