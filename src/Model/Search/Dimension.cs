namespace Orleans.Tuning.Model.Search;

/// <summary>A named hyperparameter and the scale it is searched on; build it with the factories so a bad bound names the dimension.</summary>
public sealed record Dimension
{
    public Dimension(string name, Scale scale)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new SearchSpaceException("a dimension needs a name");
        Name = name;
        Scale = scale;
    }

    public string Name { get; }
    public Scale Scale { get; }

    public static Dimension Linear(string name, double min, double max) => Named(name, () => new LinearScale(min, max));

    public static Dimension Log(string name, double min, double max) => Named(name, () => new LogScale(min, max));

    public static Dimension OneMinusLog(string name, double min, double max) => Named(name, () => new OneMinusLogScale(min, max));

    public static Dimension Int(string name, double min, double max) => Named(name, () => new IntScale(min, max));

    public static Dimension IntLog(string name, double min, double max) => Named(name, () => new IntLogScale(min, max));

    public static Dimension Categorical(string name, params IEnumerable<string> choices) =>
        Named(name, () => new CategoricalScale(choices));

    // A scale does not know its dimension's name; the message gains it here, once, for every scale.
    private static Dimension Named(string name, Func<Scale> scale)
    {
        try
        {
            return new Dimension(name, scale());
        }
        catch (SearchSpaceException e)
        {
            throw new SearchSpaceException($"{name}: {e.Message}");
        }
    }
}
