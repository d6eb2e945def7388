namespace Orleans.Tuning.Model.Search;

/// <summary>Where a generation samples from; coarse-to-fine search narrows it around the best trials so far.</summary>
/// <remarks>
/// The region lives in the unit cube, not in hyperparameter values, so narrowing around a
/// learning rate of 1e-3 on a log scale keeps the decades near 1e-3 rather than a linear
/// slice near 0.5. A continuous dimension is an interval; a discrete one (a categorical choice,
/// a small integer range) keeps a probability for every level instead, so narrowing shifts mass
/// toward the options that did well without ever cutting one off. Plain data, so it can be persisted.
/// </remarks>
public sealed record Region
{
    /// <summary>Integer dimensions with at most this many levels are treated as choices: an interval would lock onto one of them.</summary>
    public const int MaxDiscreteLevels = 8;

    public Region(double[] lower, double[] upper, double[]?[]? weights = null)
    {
        if (lower.Length != upper.Length || lower.Length == 0)
            throw new ArgumentException($"lower and upper need the same, non-zero length (got {lower.Length} and {upper.Length})");
        for (var d = 0; d < lower.Length; d++)
        {
            if (!(0 <= lower[d] && lower[d] <= upper[d] && upper[d] <= 1))
                throw new ArgumentException($"dimension {d}: need 0 <= lower <= upper <= 1 (got [{lower[d]}, {upper[d]}])");
        }
        weights ??= new double[]?[lower.Length];
        if (weights.Length != lower.Length)
            throw new ArgumentException($"weights for {weights.Length} dimensions, bounds for {lower.Length}");
        Lower = lower;
        Upper = upper;
        Weights = weights;
    }

    public double[] Lower { get; }
    public double[] Upper { get; }

    /// <summary>Per dimension: null for an interval, or the probability of each of its equally wide levels (summing to 1).</summary>
    public double[]?[] Weights { get; }

    public int Dimensions => Lower.Length;

    public static Region Full(int dimensions) => new(new double[dimensions], Enumerable.Repeat(1.0, dimensions).ToArray());

    /// <summary>The whole space, with a uniform probability over the levels of each categorical or small integer dimension.</summary>
    public static Region Full(SearchSpace space)
    {
        var weights = space.Dimensions.Select(d => Levels(d.Scale) is var k and > 0 ? Enumerable.Repeat(1.0 / k, k).ToArray() : null).ToArray();
        return new(new double[space.Count], Enumerable.Repeat(1.0, space.Count).ToArray(), weights);
    }

    // Levels own equal shares of u on these scales, so a level's probability maps straight onto u.
    private static int Levels(Scale scale) => scale switch
    {
        CategoricalScale c => c.Choices.Count,
        IntScale i when i.Count <= MaxDiscreteLevels => (int)i.Count,
        _ => 0,
    };

    /// <summary>The region narrowed from the whole unit cube by one set of scored points (see the instance method).</summary>
    public static Region Narrow(IEnumerable<(double[] Point, double Score)> scored, double keepFraction, double margin, double floor)
    {
        var all = scored.Select(s => new ScoredPoint(s.Point, s.Score)).ToArray();
        if (all.Length == 0)
            throw new ArgumentException("needs at least one scored point", nameof(scored));
        return Full(all[0].Point.Length).Narrow(all, keepFraction, margin, floor);
    }

    /// <summary>The region for the next generation from a list of scored points (see the overload on <see cref="SearchEvidence"/>).</summary>
    public Region Narrow(IReadOnlyList<ScoredPoint> history, double keepFraction, double margin, double floor)
    {
        if (!(keepFraction > 0 && keepFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(keepFraction), keepFraction, "must lie in (0, 1]");
        if (history.Any(s => s.Point.Length != Dimensions || s.Point.Any(x => !(x >= 0 && x <= 1)) || (s.Active is { } a && a.Length != Dimensions)))
            throw new ArgumentException($"every point must have {Dimensions} coordinates in [0, 1]", nameof(history));
        var evidence = new SearchEvidence(this, keepFraction);
        for (var i = 0; i < history.Count; i++) evidence.Set(i, history[i].Point, history[i].Score, history[i].Active);
        return Narrow(evidence, margin, floor);
    }

    /// <summary>
    /// The region for the next generation, from the whole history of scored points (higher is better), dimension by
    /// dimension, among the points on which that dimension acted: an interval becomes the span of the best
    /// <see cref="DimensionEvidence.KeepFraction"/> of them (at least one), padded by <paramref name="margin"/>, widened
    /// by half again on a side where the best sits at this region's edge (the optimum may lie beyond it), and never
    /// narrower than <paramref name="floor"/>; a discrete dimension's probabilities become the kept points' counts per
    /// level plus one, so every option keeps some. A dimension with nothing to learn from (it never acted, or every
    /// such trial diverged) is left as it is.
    /// </summary>
    public Region Narrow(SearchEvidence evidence, double margin, double floor)
    {
        if (!(margin >= 0 && margin <= 1))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "must lie in [0, 1]");
        if (!(floor > 0 && floor <= 1))
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "must lie in (0, 1]");
        if (evidence.Dimensions != Dimensions)
            throw new ArgumentException($"evidence on {evidence.Dimensions} dimensions for a region of {Dimensions}", nameof(evidence));

        var lower = (double[])Lower.Clone();
        var upper = (double[])Upper.Clone();
        var weights = (double[]?[])Weights.Clone();
        for (var d = 0; d < Dimensions; d++)
        {
            var e = evidence[d];
            if (e.KeptCount == 0) continue;
            if (Weights[d] is { } w)
            {
                var counts = e.KeptPerLevel;
                weights[d] = [.. Enumerable.Range(0, w.Length).Select(level => (counts[level] + 1.0) / (e.KeptCount + w.Length))];
                continue;
            }
            var low = Math.Max(0, e.KeptLow - margin);
            var high = Math.Min(1, e.KeptHigh + margin);
            var best = e.Best;
            var width = Upper[d] - Lower[d];
            if (Lower[d] > 0 && best - Lower[d] <= 0.1 * width) low = Math.Max(0, low - (high - low) / 2);
            if (Upper[d] < 1 && Upper[d] - best <= 0.1 * width) high = Math.Min(1, high + (high - low) / 2);
            (lower[d], upper[d]) = AtLeast(floor, low, high);
        }
        return new Region(lower, upper, weights);
    }

    /// <summary>Maps a point of the unit cube (from any sampler) densely into this region; a discrete dimension by its levels' probabilities.</summary>
    public double[] Sample(IReadOnlyList<double> u)
    {
        if (u.Count != Dimensions)
            throw new ArgumentException($"a point of this region has {Dimensions} coordinates, not {u.Count}", nameof(u));
        var point = new double[Dimensions];
        for (var d = 0; d < point.Length; d++)
        {
            if (!(u[d] >= 0 && u[d] <= 1))
                throw new ArgumentOutOfRangeException(nameof(u), u[d], $"coordinate {d} must lie in [0, 1]");
            point[d] = Weights[d] is { } w
                ? (Level(w, u[d]) + 0.5) / w.Length
                // Clamped because lower + 1·(upper − lower) can overshoot upper by an ulp.
                : Math.Min(Lower[d] + u[d] * (Upper[d] - Lower[d]), Upper[d]);
        }
        return point;
    }

    // The inverse of the levels' cumulative probability, so an evenly spread u stays evenly spread over the mass.
    private static int Level(double[] weights, double u)
    {
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length - 1; i++)
        {
            cumulative += weights[i];
            if (u < cumulative) return i;
        }
        return weights.Length - 1;
    }

    public bool Contains(IReadOnlyList<double> point) =>
        point.Count == Dimensions && Enumerable.Range(0, Dimensions).All(d => Weights[d] is not null || (Lower[d] <= point[d] && point[d] <= Upper[d]));

    public bool Equals(Region? other) =>
        other is not null && Lower.SequenceEqual(other.Lower) && Upper.SequenceEqual(other.Upper)
        && Weights.Zip(other.Weights).All(p => p.First is null ? p.Second is null : p.Second is not null && p.First.SequenceEqual(p.Second));

    public override int GetHashCode() => Lower.Concat(Upper).Aggregate(0, (hash, x) => HashCode.Combine(hash, x));

    public override string ToString() =>
        string.Join(" × ", Enumerable.Range(0, Dimensions).Select(d => Weights[d] is { } w
            ? $"{{{string.Join(", ", w.Select(x => x.ToString("G3")))}}}"
            : $"[{Lower[d]:G4}, {Upper[d]:G4}]"));

    // Widening about the centre keeps the kept points inside; at an edge the interval slides inward instead.
    // Min/Max with the original bounds guard the kept points against rounding.
    private static (double Low, double High) AtLeast(double floor, double low, double high)
    {
        if (high - low >= floor)
            return (low, high);
        var centre = (low + high) / 2;
        if (centre - floor / 2 <= 0)
            return (0, Math.Max(floor, high));
        if (centre + floor / 2 >= 1)
            return (Math.Min(1 - floor, low), 1);
        return (Math.Min(low, centre - floor / 2), Math.Max(high, centre + floor / 2));
    }
}
