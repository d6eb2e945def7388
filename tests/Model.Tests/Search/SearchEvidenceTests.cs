using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Search;

public class SearchEvidenceTests
{
    // The definition the incremental evidence must keep: the best ceil(fraction · n) finite scores on the dimension
    // (at least one), higher first, ties to the lower id; their extent, the best one's coordinate, counts per level.
    private static (double Low, double High, double Best, int[] Levels, int Kept) Brute(
        IReadOnlyDictionary<int, (double Score, double Value)> points, double fraction, int levels)
    {
        var ranked = points.Where(p => !double.IsNaN(p.Value.Score))
            .OrderByDescending(p => p.Value.Score).ThenBy(p => p.Key).Select(p => p.Value.Value).ToArray();
        var kept = ranked.Take(Math.Max(1, (int)Math.Ceiling(fraction * ranked.Length))).ToArray();
        var counts = new int[levels];
        if (levels > 0) foreach (var u in kept) counts[Math.Min((int)(u * levels), levels - 1)]++;
        return ranked.Length == 0 ? (double.NaN, double.NaN, double.NaN, counts, 0) : (kept.Min(), kept.Max(), ranked[0], counts, kept.Length);
    }

    [Theory]
    [InlineData(0.25, 0, 1)]
    [InlineData(0.1, 4, 2)]
    [InlineData(1.0, 0, 3)]
    [InlineData(0.5, 3, 4)]
    public void Kept_points_match_a_full_re_ranking_after_every_change(double fraction, int levels, int seed)
    {
        var random = new Random(seed);
        var evidence = new DimensionEvidence(fraction, levels);
        var points = new Dictionary<int, (double Score, double Value)>();
        for (var step = 0; step < 3_000; step++)
        {
            var id = random.Next(400);
            if (random.NextDouble() < 0.15)
            {
                evidence.Remove(id);
                points.Remove(id);
            }
            else
            {
                // Coarse scores so that ties happen; some NaN (a diverged trial) which must not count.
                var score = random.NextDouble() < 0.05 ? double.NaN : Math.Round(random.NextDouble(), 2);
                var value = levels > 0 ? (random.Next(levels) + 0.5) / levels : random.NextDouble();
                evidence.Set(id, score, value);
                if (double.IsNaN(score)) points.Remove(id); else points[id] = (score, value);
            }
            var expected = Brute(points, fraction, levels);
            Assert.Equal(points.Count, evidence.Count);
            Assert.Equal(expected.Kept, evidence.KeptCount);
            Assert.Equal(expected.Low, evidence.KeptLow);
            Assert.Equal(expected.High, evidence.KeptHigh);
            Assert.Equal(expected.Best, evidence.Best);
            Assert.Equal(expected.Levels, evidence.KeptPerLevel);
        }
    }

    [Theory]
    [InlineData(0.25, 0, 6)]
    [InlineData(0.1, 4, 7)]
    public void Loading_points_at_once_reaches_the_state_that_setting_them_one_by_one_does(double fraction, int levels, int seed)
    {
        var random = new Random(seed);
        var points = Enumerable.Range(0, 2_000)
            .Select(id => (Id: id, Score: random.NextDouble() < 0.05 ? double.NaN : Math.Round(random.NextDouble(), 2),
                Value: levels > 0 ? (random.Next(levels) + 0.5) / levels : random.NextDouble()))
            .ToList();
        var loaded = new DimensionEvidence(fraction, levels);
        var set = new DimensionEvidence(fraction, levels);

        loaded.Load(points);
        foreach (var (id, score, value) in points) set.Set(id, score, value);
        // And both go on alike: the sets inside are in the order the later changes rely on.
        foreach (var id in new[] { 5, 17, 300, 1999 })
        {
            loaded.Set(id, 0.995, 0.5);
            set.Set(id, 0.995, 0.5);
            loaded.Remove(id + 1);
            set.Remove(id + 1);
        }

        Assert.Equal(set.Count, loaded.Count);
        Assert.Equal(set.KeptCount, loaded.KeptCount);
        Assert.Equal(set.KeptLow, loaded.KeptLow);
        Assert.Equal(set.KeptHigh, loaded.KeptHigh);
        Assert.Equal(set.Best, loaded.Best);
        Assert.Equal(set.KeptPerLevel, loaded.KeptPerLevel);
        Assert.Equal(Brute(points.Where(p => !new[] { 6, 18, 301, 2000 }.Contains(p.Id))
                .Select(p => new[] { 5, 17, 300, 1999 }.Contains(p.Id) ? (p.Id, Score: 0.995, Value: 0.5) : p)
                .ToDictionary(p => p.Id, p => (p.Score, p.Value)), fraction, levels).Kept, loaded.KeptCount);
    }

    [Fact]
    public void A_dimension_that_did_not_act_on_a_point_does_not_count_it()
    {
        var evidence = new SearchEvidence(Region.Full(2), keepFraction: 1);
        evidence.Set(0, [0.2, 0.7], 0.9, active: [true, false]);
        evidence.Set(1, [0.4, 0.3], 0.5);

        Assert.Equal(2, evidence[0].Count);
        Assert.Equal(1, evidence[1].Count);
        Assert.Equal(0.3, evidence[1].Best);
        // Its optimizer changed (an exploit): now the second dimension acts on it, at its new coordinate.
        evidence.Set(0, [0.2, 0.8], 0.9);
        Assert.Equal(0.8, evidence[1].Best);
    }

    [Fact]
    public void Narrowing_from_kept_evidence_equals_narrowing_from_the_history()
    {
        var random = new Random(5);
        var region = new Region([0.1, 0], [0.9, 1], [null, [0.25, 0.25, 0.25, 0.25]]);
        var history = Enumerable.Range(0, 500)
            .Select(_ => new ScoredPoint([0.1 + 0.8 * random.NextDouble(), (random.Next(4) + 0.5) / 4], random.NextDouble() < 0.1 ? double.NaN : random.NextDouble()))
            .ToList();
        var evidence = new SearchEvidence(region, 0.25);
        // Points arrive, then change score and coordinate as trials train on and exploit others.
        foreach (var (p, i) in history.Select((p, i) => (p, i))) evidence.Set(i, [0.5, 0.125], 0.1);
        foreach (var (p, i) in history.Select((p, i) => (p, i))) evidence.Set(i, p.Point, p.Score);

        Assert.Equal(region.Narrow(history, 0.25, 0.05, 0.1), region.Narrow(evidence, 0.05, 0.1));
    }
}
