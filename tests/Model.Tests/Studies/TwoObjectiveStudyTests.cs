using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Synthetic;

namespace Orleans.Tuning.Model.Tests.Studies;

/// <summary>objectives: [loss, f2] on ZDT1, whose Pareto front is known: f2 = 1 − √f1 at x2 = 0.</summary>
public class TwoObjectiveStudyTests
{
    private static readonly Zdt1 F = new();
    private const double BestHypervolume = 2.0 / 3; // of the true front, against the reference point (1, 1)

    private static StudySpec Spec(SamplerKind sampler, int seed) =>
        SyntheticStudy.Spec(F, new SamplerSpec(sampler), evaluations: 40, seed) with { Objective = new ObjectiveSpec(ObjectiveMetric.Loss, CostKind.F2) };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void A_gp_study_finds_points_on_the_true_front_and_covers_it(int seed)
    {
        SyntheticStudy.Run(Spec(SamplerKind.GaussianProcess, seed), F, out var engine);

        var front = engine.ParetoFront().Select(p => (F1: -p.Score, F2: p.Cost)).ToList();
        Assert.All(front, p => Assert.InRange(p.F2 - Zdt1.Front(p.F1), -1e-9, 0.01));
        Assert.True(front.Min(p => p.F1) <= 0.05 && front.Max(p => p.F1) >= 0.95, "the front reaches both ends");
        // Measured 0.60–0.62 over seeds 1–3; random search at the same 40 evaluations gets 0.08–0.27, TPE 0.36–0.50.
        Assert.InRange(Hypervolume(front), 0.58, BestHypervolume);
    }

    [Fact]
    public void Random_search_at_the_same_budget_covers_far_less_of_the_front()
    {
        SyntheticStudy.Run(Spec(SamplerKind.Random, 1), F, out var engine);

        Assert.True(Hypervolume([.. engine.ParetoFront().Select(p => (-p.Score, p.Cost))]) < 0.5);
    }

    [Fact]
    public void The_front_holds_exactly_the_trials_no_other_beats_on_both()
    {
        var outcome = SyntheticStudy.Run(Spec(SamplerKind.Random, 2), F, out var engine);

        var all = outcome.Points.Select((x, i) => (Trial: i, F1: outcome.Values[i], F2: F.Second(x)!.Value)).ToList();
        var expected = all.Where(a => !all.Any(b => b.F1 <= a.F1 && b.F2 <= a.F2 && (b.F1 < a.F1 || b.F2 < a.F2))).Select(a => a.Trial).Order();
        Assert.Equal(expected, engine.ParetoFront().Select(p => p.Trial).Order());
    }

    // The area the front dominates inside the box [0, 1]², sliced along f2.
    private static double Hypervolume(List<(double F1, double F2)> front)
    {
        var (area, above) = (0.0, 1.0);
        foreach (var (f1, f2) in front.Where(p => p.F1 <= 1 && p.F2 <= 1).OrderBy(p => p.F1))
        {
            area += (1 - f1) * (above - f2);
            above = f2;
        }
        return area;
    }
}
