using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Synthetic;

namespace Orleans.Tuning.Model.Tests.Studies;

/// <summary>A study warm-started from an earlier study's trials: its model sampler learns from them before its first suggestion.</summary>
public class WarmStartTests
{
    private static readonly Branin F = new();
    private const double Target = 0.41; // within 0.012 of f* = 0.397887

    private static StudySpec Gp(int seed, int evaluations = 40) => SyntheticStudy.Spec(F, new SamplerSpec(SamplerKind.GaussianProcess), evaluations, seed);

    // An earlier, cheap study: 30 random points, none of them near the minimum for most seeds (best 0.46–2.3).
    private static SyntheticOutcome Earlier(int seed) =>
        SyntheticStudy.Run(SyntheticStudy.Spec(F, new SamplerSpec(SamplerKind.Random), 30, seed + 100), F);

    [Fact]
    public void A_gp_warm_started_from_30_random_trials_reaches_the_minimum_in_fewer_evaluations_than_a_cold_start()
    {
        var seeds = Enumerable.Range(1, 5).ToList();
        // Evaluations of this study's own budget until the best is within 0.012 of f*; 41 for a study that never got there.
        var cold = seeds.Select(s => SyntheticStudy.Run(Gp(s), F).EvaluationsTo(Target) ?? 41).ToList();
        var warm = seeds.Select(s => SyntheticStudy.Run(Gp(s) with { WarmStart = Earlier(s).AsWarmStart("earlier") }, F).EvaluationsTo(Target) ?? 41).ToList();

        // Measured: cold 22–34 (median 27), warm 3–16 (median 8).
        Assert.True(Median(warm) * 2 <= Median(cold), $"warm {string.Join(", ", warm)}; cold {string.Join(", ", cold)}");
    }

    [Fact]
    public void Earlier_trials_cost_no_budget_and_are_never_suggested_again()
    {
        var earlier = Earlier(1);
        var spec = Gp(1, evaluations: 12) with { WarmStart = earlier.AsWarmStart("earlier") };

        var outcome = SyntheticStudy.Run(spec, F);

        Assert.Equal(12, outcome.Values.Count);
        Assert.Empty(outcome.Points.Intersect(earlier.Points));
    }

    [Fact]
    public void The_warm_start_travels_in_the_spec_so_a_replayed_study_suggests_the_same_points()
    {
        var spec = Gp(2, evaluations: 10) with { WarmStart = Earlier(2).AsWarmStart("earlier") };
        var reparsed = StudySpecParser.Parse(spec.ToNormalizedText(), "again");

        Assert.Equal(spec.WarmStart, reparsed.WarmStart);
        Assert.Equal(SyntheticStudy.Run(spec, F).Values, SyntheticStudy.Run(reparsed, F).Values);
    }

    private static double Median(List<int> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2.0;
    }
}
