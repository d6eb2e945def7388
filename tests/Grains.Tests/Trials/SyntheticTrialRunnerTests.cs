using Orleans.Tuning.Grains.Trials;
using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Synthetic;

namespace Orleans.Tuning.Grains.Tests.Trials;

/// <summary>The runner a synthetic study's trial grains use: the function's value instead of a trained network's loss.</summary>
public class SyntheticTrialRunnerTests
{
    private static TrialPlan Plan(string? synthetic, Model.Search.Configuration point) =>
        new("s", 3, point, new DataReference("", null, 0.2, 1, Synthetic: synthetic), 7, 1, new Model.Search.Configuration([]));

    private static Model.Search.Configuration Point(double x1, double x2) => new([KeyValuePair.Create("x1", (ParameterValue)x1), KeyValuePair.Create("x2", (ParameterValue)x2)]);

    [Fact]
    public void A_round_reports_the_functions_value_as_its_loss_and_a_second_value_when_it_has_one()
    {
        var runner = new TrialRunnerByData(new NetworkTrialRunner(new DatasetCache()), new SyntheticTrialRunner());

        var branin = runner.Open(Plan("branin", Point(Math.PI, 2.275)), Point(Math.PI, 2.275), null, null).TrainRound(1);
        var zdt1 = runner.Open(Plan("zdt1", Point(0.25, 0)), Point(0.25, 0), null, null).TrainRound(1);

        Assert.Equal(0.397887, branin.ValidationLoss, 5);
        Assert.Equal(branin.ValidationLoss, branin.TrainLoss);
        Assert.Null(branin.SecondValue);
        Assert.Equal(0.25, zdt1.ValidationLoss, 12);
        Assert.Equal(Zdt1.Front(0.25), zdt1.SecondValue!.Value, 12); // x2 = 0 lies on the front
    }

    [Fact]
    public void An_unknown_function_fails_the_trial_with_its_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new SyntheticTrialRunner().Open(Plan("rosenbrock", Point(0, 0)), Point(0, 0), null, null));

        Assert.Contains("unknown synthetic objective 'rosenbrock'", e.Message);
    }
}
