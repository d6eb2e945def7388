using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Model.Tests.Studies;

public class StrategyChoiceTests
{
    [Fact]
    public void Auto_picks_caviar_trained_side_by_side_when_the_slots_hold_the_whole_population()
    {
        var (strategy, reason) = StrategyChoice.Choose(StudyStrategy.Auto, populationSize: 4, slots: 4, silos: 2);
        Assert.Equal(StudyStrategy.Caviar, strategy);
        Assert.Contains("side by side on 4 training slots on 2 silo(s)", reason);
    }

    [Fact]
    public void Auto_picks_caviar_trained_in_turns_when_the_population_is_larger_than_the_slots()
    {
        var (strategy, reason) = StrategyChoice.Choose(StudyStrategy.Auto, populationSize: 8, slots: 2, silos: 1);
        Assert.Equal(StudyStrategy.Caviar, strategy);
        Assert.Contains("in turns on 2 training slots", reason);
    }

    [Fact]
    public void A_strategy_named_in_the_spec_is_kept() =>
        Assert.Equal((StudyStrategy.Panda, "chosen in the spec"), StrategyChoice.Choose(StudyStrategy.Panda, populationSize: 2, slots: 8, silos: 1));
}
