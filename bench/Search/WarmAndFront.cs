using System.Globalization;
using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Synthetic;

namespace Orleans.Tuning.Bench.Search;

/// <summary>
/// Warm start and two objectives on synthetic problems, through the product's engine: how many evaluations a warm-started
/// sampler needs on Branin against a cold one, and how much of ZDT1's known front each sampler's front covers.
/// </summary>
internal static class WarmAndFront
{
    private const int Budget = 40;
    private const double Target = 0.41; // Branin within 0.012 of f* = 0.397887

    public static void WarmStart(int seeds)
    {
        var f = new Branin();
        Console.WriteLine($"# Branin: evaluations of the study's own budget until the best is <= {Target} ({Budget} at most; '>{Budget}' never), seeds 1..{seeds}");
        Console.WriteLine("# warm: started from the 30 trials of a random-search study of seed + 100");
        Console.WriteLine("| sampler | cold: median [min – max] | warm: median [min – max] |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var kind in new[] { SamplerKind.GaussianProcess, SamplerKind.Tpe, SamplerKind.CmaEs })
        {
            var cold = new List<int>();
            var warm = new List<int>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                var spec = SyntheticStudy.Spec(f, new SamplerSpec(kind), Budget, seed);
                var earlier = SyntheticStudy.Run(SyntheticStudy.Spec(f, new SamplerSpec(SamplerKind.Random), 30, seed + 100), f);
                cold.Add(SyntheticStudy.Run(spec, f).EvaluationsTo(Target) ?? Budget + 1);
                warm.Add(SyntheticStudy.Run(spec with { WarmStart = earlier.AsWarmStart("earlier") }, f).EvaluationsTo(Target) ?? Budget + 1);
            }
            Console.WriteLine($"| {new SamplerSpec(kind).Name} | {Summary(cold)} | {Summary(warm)} |");
        }
    }

    public static void Front(int seeds)
    {
        var f = new Zdt1();
        Console.WriteLine($"# ZDT1, objectives [loss, f2], {Budget} evaluations, seeds 1..{seeds}: hypervolume of the study's front against (1, 1) (true front: 0.6667),");
        Console.WriteLine("# and the largest distance of a front point above the true front f2 = 1 - sqrt(f1)");
        Console.WriteLine("| sampler | hypervolume: median [min – max] | worst distance above the true front: median |");
        Console.WriteLine("| --- | --- | --- |");
        foreach (var kind in new[] { SamplerKind.Random, SamplerKind.Tpe, SamplerKind.GaussianProcess })
        {
            var volumes = new List<double>();
            var distances = new List<double>();
            for (var seed = 1; seed <= seeds; seed++)
            {
                var spec = SyntheticStudy.Spec(f, new SamplerSpec(kind), Budget, seed) with { Objective = new ObjectiveSpec(ObjectiveMetric.Loss, CostKind.F2) };
                SyntheticStudy.Run(spec, f, out var engine);
                var front = engine.ParetoFront().Select(p => (F1: -p.Score, F2: p.Cost)).OrderBy(p => p.F1).ToList();
                volumes.Add(Hypervolume(front));
                distances.Add(front.Max(p => p.F2 - Zdt1.Front(p.F1)));
            }
            Console.WriteLine($"| {new SamplerSpec(kind).Name} | {F(Median(volumes))} [{F(volumes.Min())} – {F(volumes.Max())}] | {F(Median(distances))} |");
        }
    }

    // The area the front dominates inside [0, 1]², sliced along f2.
    private static double Hypervolume(List<(double F1, double F2)> front)
    {
        var (area, above) = (0.0, 1.0);
        foreach (var (f1, f2) in front.Where(p => p.F1 <= 1 && p.F2 <= 1))
        {
            area += (1 - f1) * (above - f2);
            above = f2;
        }
        return area;
    }

    private static string Summary(List<int> xs) =>
        $"{Show(Median(xs.Select(x => (double)x).ToList()))} [{Show(xs.Min())} – {Show(xs.Max())}]";

    private static string Show(double x) => x > Budget ? $">{Budget}" : x.ToString("0.#", CultureInfo.InvariantCulture);

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return s.Count % 2 == 1 ? s[s.Count / 2] : (s[s.Count / 2 - 1] + s[s.Count / 2]) / 2;
    }

    private static string F(double x) => x.ToString("F4", CultureInfo.InvariantCulture);
}
