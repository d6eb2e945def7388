using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Tests.Specs;

/// <summary>objectives: [metric, cost] — two objectives, whose trade-off a study reports as its Pareto front.</summary>
public class ObjectivesSpecTests
{
    private const string Network = "data: { path: digits.csv }\nspace: { learning_rate: { min: 1.0e-4, max: 0.1 } }\nbudget: { trials: 4 }\n";
    private const string Zdt1 = "data: { synthetic: zdt1 }\nbudget: { trials: 4 }\n";

    [Fact]
    public void A_network_weighs_its_metric_against_seconds_per_epoch()
    {
        var spec = StudySpecParser.Parse(Network + "objectives: [accuracy, seconds_per_epoch]\n", "s.yaml");

        Assert.Equal(new ObjectiveSpec(ObjectiveMetric.Accuracy, CostKind.SecondsPerEpoch), spec.Objective);
        Assert.Equal(spec, StudySpecParser.Parse(spec.ToNormalizedText(), "again"));
    }

    [Fact]
    public void A_two_valued_synthetic_function_minimises_both_its_values()
    {
        var spec = StudySpecParser.Parse(Zdt1 + "objectives: [loss, f2]\n", "s.yaml");

        Assert.Equal(new ObjectiveSpec(ObjectiveMetric.Loss, CostKind.F2), spec.Objective);
        Assert.Equal(spec, StudySpecParser.Parse(spec.ToNormalizedText(), "again"));
    }

    [Fact]
    public void Without_objectives_a_study_has_one_objective_and_no_front()
    {
        Assert.False(StudySpecParser.Parse(Zdt1, "s.yaml").Objective.HasCost);
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { Network + "objective: accuracy\nobjectives: [accuracy, seconds_per_epoch]\n", "objectives", "give objective or objectives, not both" },
        { Network + "objectives: [accuracy]\n", "objectives", "expected a list of two: the metric (accuracy or loss) and a cost" },
        { Network + "objectives: [accuracy, parameters]\n", "objectives[1]", "unknown value 'parameters' (expected one of seconds_per_epoch, f2)" },
        { Network + "objectives: [f1, seconds_per_epoch]\n", "objectives[0]", "unknown value 'f1' (expected one of accuracy, loss)" },
        { Network + "objectives: [accuracy, f2]\n", "objectives[1]", "f2 is the second value of a two-objective synthetic function" },
        { "data: { synthetic: branin }\nbudget: { trials: 4 }\nobjectives: [loss, f2]\n", "objectives[1]", "branin has one value; the two-objective functions are zdt1" },
        { Zdt1 + "objectives: [loss, seconds_per_epoch]\n", "objectives[1]", "a synthetic trial trains nothing" },
        { Zdt1 + "objectives: [accuracy, f2]\n", "objectives[0]", "use loss" },
        { Network + "objectives: [accuracy, seconds_per_epoch]\nsampler: gp\nwarm_start: { trials: [] }\n", "warm_start", "applies to one objective only" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Mistakes_are_reported_at_their_path(string yaml, string path, string fragment)
    {
        var e = Assert.Throws<SpecException>(() => StudySpecParser.Parse(yaml, "s.yaml"));

        var error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.Contains(fragment, error.Message);
    }
}
