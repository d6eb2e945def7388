namespace Orleans.Tuning.Model.Search;

/// <summary>A box in the unit cube that a generation samples from; coarse-to-fine search shrinks it around the best trials.</summary>
/// <remarks>
/// The box lives in the unit cube, not in hyperparameter values, so narrowing around a
/// learning rate of 1e-3 on a log scale keeps the decades near 1e-3 rather than a linear
/// slice near 0.5. Plain data (two arrays) so it can be persisted with the study.
/// </remarks>
public sealed record Region
{
    public Region(double[] lower, double[] upper)
    {
        if (lower.Length != upper.Length || lower.Length == 0)
            throw new ArgumentException($"lower and upper need the same, non-zero length (got {lower.Length} and {upper.Length})");
        for (var d = 0; d < lower.Length; d++)
        {
            if (!(0 <= lower[d] && lower[d] <= upper[d] && upper[d] <= 1))
                throw new ArgumentException($"dimension {d}: need 0 <= lower <= upper <= 1 (got [{lower[d]}, {upper[d]}])");
        }
        Lower = lower;
        Upper = upper;
    }

    public double[] Lower { get; }
    public double[] Upper { get; }

    public int Dimensions => Lower.Length;

    public static Region Full(int dimensions) => new(new double[dimensions], Enumerable.Repeat(1.0, dimensions).ToArray());

    /// <summary>
    /// The region for the next generation: the bounding box of the best <paramref name="keepFraction"/>
    /// of the scored points (higher score is better; at least one point is kept), padded by
    /// <paramref name="margin"/> on each side, clamped to the unit cube, and widened about its
    /// centre to at least <paramref name="floor"/> in every dimension so the search never collapses to a point.
    /// </summary>
    public static Region Narrow(IEnumerable<(double[] Point, double Score)> scored, double keepFraction, double margin, double floor)
    {
        if (!(keepFraction > 0 && keepFraction <= 1))
            throw new ArgumentOutOfRangeException(nameof(keepFraction), keepFraction, "must lie in (0, 1]");
        if (!(margin >= 0 && margin <= 1))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "must lie in [0, 1]");
        if (!(floor > 0 && floor <= 1))
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "must lie in (0, 1]");
        var all = scored.ToArray();
        if (all.Length == 0)
            throw new ArgumentException("needs at least one scored point", nameof(scored));
        var dimensions = all[0].Point.Length;
        if (all.Any(s => s.Point.Length != dimensions || s.Point.Any(x => !(x >= 0 && x <= 1))))
            throw new ArgumentException($"every point must have {dimensions} coordinates in [0, 1]", nameof(scored));

        // A diverged trial scores NaN; it ranks last rather than poisoning the sort.
        var kept = all
            .OrderByDescending(s => double.IsNaN(s.Score) ? double.NegativeInfinity : s.Score)
            .Take(Math.Max(1, (int)Math.Ceiling(keepFraction * all.Length)))
            .Select(s => s.Point)
            .ToArray();

        var lower = new double[dimensions];
        var upper = new double[dimensions];
        for (var d = 0; d < dimensions; d++)
        {
            var (low, high) = AtLeast(
                floor,
                Math.Max(0, kept.Min(p => p[d]) - margin),
                Math.Min(1, kept.Max(p => p[d]) + margin));
            lower[d] = low;
            upper[d] = high;
        }
        return new Region(lower, upper);
    }

    /// <summary>Maps a point of the unit cube (from any sampler) densely into this region.</summary>
    public double[] Sample(IReadOnlyList<double> u)
    {
        if (u.Count != Dimensions)
            throw new ArgumentException($"a point of this region has {Dimensions} coordinates, not {u.Count}", nameof(u));
        var point = new double[Dimensions];
        for (var d = 0; d < point.Length; d++)
        {
            if (!(u[d] >= 0 && u[d] <= 1))
                throw new ArgumentOutOfRangeException(nameof(u), u[d], $"coordinate {d} must lie in [0, 1]");
            // Clamped because lower + 1·(upper − lower) can overshoot upper by an ulp.
            point[d] = Math.Min(Lower[d] + u[d] * (Upper[d] - Lower[d]), Upper[d]);
        }
        return point;
    }

    public bool Contains(IReadOnlyList<double> point) =>
        point.Count == Dimensions && Enumerable.Range(0, Dimensions).All(d => Lower[d] <= point[d] && point[d] <= Upper[d]);

    public bool Equals(Region? other) => other is not null && Lower.SequenceEqual(other.Lower) && Upper.SequenceEqual(other.Upper);

    public override int GetHashCode() => Lower.Concat(Upper).Aggregate(0, (hash, x) => HashCode.Combine(hash, x));

    public override string ToString() =>
        string.Join(" × ", Lower.Zip(Upper, (low, high) => $"[{low:G4}, {high:G4}]"));

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
