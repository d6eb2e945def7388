using Orleans.Tuning.Model.Search;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Tests.Specs;

/// <summary>data: { synthetic: NAME } — a study of a test function instead of a network.</summary>
public class SyntheticSpecTests
{
    private const string Branin = "data: { synthetic: branin }\nbudget: { trials: 10 }\n";

    [Fact]
    public void Without_a_space_the_study_searches_the_functions_domain()
    {
        var spec = StudySpecParser.Parse(Branin, "b.yaml");

        Assert.Equal("branin", spec.Data.Synthetic);
        Assert.Equal(["x1", "x2"], spec.Space.Dimensions.Select(d => d.Name));
        Assert.Equal((-5.0, 10.0), Bounds(spec.Space.Dimensions[0]));
        Assert.Equal((0.0, 15.0), Bounds(spec.Space.Dimensions[1]));
    }

    [Fact]
    public void A_trial_is_one_evaluation_minimised_with_nothing_to_stop_or_retest()
    {
        var spec = StudySpecParser.Parse(Branin, "b.yaml");

        Assert.Equal(ObjectiveMetric.Loss, spec.Objective.Metric);
        Assert.Equal((1, 1), (spec.Budget.EpochsPerRound, spec.Budget.MaxEpochsPerTrial));
        Assert.Equal(StoppingKind.None, spec.Stopping.Kind);
        Assert.False(spec.Retest.Enabled);
        Assert.Empty(spec.Fixed);
    }

    [Fact]
    public void A_space_inside_the_domain_is_searched_in_the_functions_argument_order()
    {
        var spec = StudySpecParser.Parse("data: { synthetic: branin }\nspace: { x2: { min: 0, max: 5 }, x1: { min: 0, max: 10 } }\nbudget: { trials: 10 }\n", "b.yaml");

        Assert.Equal(["x1", "x2"], spec.Space.Dimensions.Select(d => d.Name));
        Assert.Equal((0.0, 5.0), Bounds(spec.Space.Dimensions[1]));
    }

    [Fact]
    public void The_normalized_text_parses_back_to_the_same_spec()
    {
        var spec = StudySpecParser.Parse("data: { synthetic: hartmann6 }\nbudget: { trials: 10 }\nsampler: gp\nstrategy: caviar\n", "h.yaml");

        var again = StudySpecParser.Parse(spec.ToNormalizedText(), "again");

        Assert.Equal(spec, again);
        Assert.Equal(6, again.Space.Count);
    }

    public static TheoryData<string, string, string> Mistakes => new()
    {
        { "data: { synthetic: branim }\nbudget: { trials: 10 }\n", "data.synthetic", "unknown synthetic objective 'branim' (did you mean branin?)" },
        { "data: { synthetic: rosenbrock }\nbudget: { trials: 10 }\n", "data.synthetic", "known: branin, hartmann6" },
        { "data: { synthetic: branin, path: digits.csv }\nbudget: { trials: 10 }\n", "data.path", "not used with data.synthetic" },
        { "data: { synthetic: branin, validation_fraction: 0.3 }\nbudget: { trials: 10 }\n", "data.validation_fraction", "not used with data.synthetic" },
        { Branin + "space: { x1: { min: -5, max: 10 }, x2: { min: 0, max: 15 }, x3: { min: 0, max: 1 } }", "space.x3", "branin has no argument 'x3'" },
        { Branin + "space: { x1: { min: -5, max: 10 } }", "space.x2", "required: branin needs every argument searched (its domain is [0, 15])" },
        { Branin + "space: { x1: { min: -6, max: 10 }, x2: { min: 0, max: 15 } }", "space.x1.min", "must lie in the domain [-5, 10]" },
        { Branin + "space: { x1: { min: -5, max: 10 }, x2: { min: 0, max: 16 } }", "space.x2.max", "must lie in the domain [0, 15]" },
        { Branin + "space: { x1: { min: -5, max: 10, scale: log }, x2: { min: 0, max: 15 } }", "space.x1.scale", "linear scale" },
        { Branin + "space: { x1: 3, x2: { min: 0, max: 15 } }", "space.x1", "expected a mapping with min and max inside [-5, 10]" },
        { Branin + "fixed: { x1: 3 }", "fixed.x1", "not used with data.synthetic: branin takes only x1, x2, all searched" },
        { Branin + "objective: accuracy", "objective", "minimises the function's value: use loss" },
        { "data: { synthetic: branin }\nbudget: { trials: 10, epochs_per_round: 2, max_epochs_per_trial: 4 }\n", "budget.epochs_per_round", "must be 1 with data.synthetic" },
        { "data: { synthetic: branin }\nbudget: { trials: 10, max_epochs_per_trial: 4 }\n", "budget.max_epochs_per_trial", "must be 1 with data.synthetic" },
        { Branin + "stopping: asha", "stopping", "must be none with data.synthetic" },
        { Branin + "retest: { enabled: true }", "retest.enabled", "must be false with data.synthetic" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public void Settings_that_mean_nothing_for_a_test_function_are_errors_at_their_path(string yaml, string path, string fragment)
    {
        var e = Assert.Throws<SpecException>(() => StudySpecParser.Parse(yaml, "s.yaml"));

        var error = Assert.Single(e.Errors, x => x.Path == path);
        Assert.Contains(fragment, error.Message);
    }

    private static (double, double) Bounds(Dimension d) => d.Scale is LinearScale s ? (s.Min, s.Max) : throw new InvalidOperationException(d.Name);
}
