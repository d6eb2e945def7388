namespace Orleans.Tuning.Model.Search;

/// <summary>An ordered list of dimensions: coordinate i of a unit-cube point is dimension i's u.</summary>
public sealed class SearchSpace
{
    private readonly Dimension[] dimensions;

    public SearchSpace(IEnumerable<Dimension> dimensions)
    {
        this.dimensions = dimensions.ToArray();
        if (this.dimensions.Length == 0)
            throw new SearchSpaceException("a search space needs at least one dimension");
        var duplicate = this.dimensions.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SearchSpaceException($"{duplicate.Key}: dimension defined more than once");
    }

    public IReadOnlyList<Dimension> Dimensions => dimensions;

    public int Count => dimensions.Length;

    public Configuration ToConfiguration(IReadOnlyList<double> point)
    {
        if (point.Count != dimensions.Length)
            throw new ArgumentException($"a point of this space has {dimensions.Length} coordinates, not {point.Count}", nameof(point));
        return new Configuration(dimensions.Select((d, i) =>
            KeyValuePair.Create(d.Name, d.Scale.ToValue(point[i]))));
    }

    public double[] ToUnit(Configuration configuration) =>
        dimensions.Select(d => d.Scale.ToUnit(configuration[d.Name])).ToArray();
}
