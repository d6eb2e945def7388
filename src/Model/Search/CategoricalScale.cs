namespace Orleans.Tuning.Model.Search;

/// <summary>One of a list of named choices (e.g. an optimizer), each with the same mass; the value is the choice's name.</summary>
public sealed record CategoricalScale : Scale
{
    private readonly string[] choices;

    public CategoricalScale(IEnumerable<string> choices)
    {
        this.choices = choices.ToArray();
        if (this.choices.Length == 0)
            throw new SearchSpaceException("needs at least one choice");
        if (this.choices.Any(string.IsNullOrEmpty))
            throw new SearchSpaceException("choices must be non-empty names");
        var duplicate = this.choices.GroupBy(c => c).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new SearchSpaceException($"duplicate choice '{duplicate.Key}'");
    }

    public IReadOnlyList<string> Choices => choices;

    public override double ToUnit(ParameterValue value)
    {
        var index = Array.IndexOf(choices, value.Choice);
        if (index < 0)
            throw new ArgumentException($"'{value.Choice}' is not one of {string.Join(", ", choices)}", nameof(value));
        return (index + 0.5) / choices.Length;
    }

    /// <summary>Every choice, whatever the number of grid points: a grid that skips a choice never learns about it.</summary>
    public override IReadOnlyList<double> GridLevels(int points) =>
        Enumerable.Range(0, choices.Length).Select(i => (i + 0.5) / choices.Length).ToArray();

    /// <summary>Choices have no order to scale: explore moves to a neighbouring choice (up for a factor above 1), staying put at an end, as Ray Tune's PBT does.</summary>
    public override double Perturb(double u, double factor)
    {
        var index = Math.Min((int)(u * choices.Length), choices.Length - 1);
        var moved = Math.Clamp(index + (factor > 1 ? 1 : -1), 0, choices.Length - 1);
        return (moved + 0.5) / choices.Length;
    }

    public bool Equals(CategoricalScale? other) => other is not null && choices.SequenceEqual(other.choices);

    public override int GetHashCode() => choices.Aggregate(0, HashCode.Combine);

    public override string ToString() => $"CategoricalScale {{ {string.Join(", ", choices)} }}";

    protected override ParameterValue FromUnit(double u) => choices[Math.Min((int)(u * choices.Length), choices.Length - 1)];
}
