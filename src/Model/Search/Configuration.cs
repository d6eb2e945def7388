namespace Orleans.Tuning.Model.Search;

/// <summary>One setting of every hyperparameter (name → value), immutable, compared by value, in search-space order.</summary>
public sealed class Configuration : IEquatable<Configuration>
{
    private readonly KeyValuePair<string, ParameterValue>[] entries;

    public Configuration(IEnumerable<KeyValuePair<string, ParameterValue>> entries)
    {
        this.entries = entries.ToArray();
        var duplicate = this.entries.GroupBy(e => e.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"{duplicate.Key}: appears more than once", nameof(entries));
    }

    public IReadOnlyList<KeyValuePair<string, ParameterValue>> Entries => entries;

    // A linear scan: a network has a handful of hyperparameters, fewer than a dictionary pays for.
    public ParameterValue this[string name]
    {
        get
        {
            foreach (var (key, value) in entries)
            {
                if (key == name)
                    return value;
            }
            throw new KeyNotFoundException($"{name}: not in this configuration ({string.Join(", ", entries.Select(e => e.Key))})");
        }
    }

    public double GetDouble(string name) => this[name].Number;

    public int GetInt(string name)
    {
        var x = GetDouble(name);
        return x == Math.Floor(x) && x >= int.MinValue && x <= int.MaxValue
            ? (int)x
            : throw new InvalidOperationException($"{name}: {x} is not an integer");
    }

    public string GetString(string name) => this[name].Choice;

    public bool Equals(Configuration? other) => other is not null && entries.SequenceEqual(other.entries);

    public override bool Equals(object? obj) => Equals(obj as Configuration);

    public override int GetHashCode() => entries.Aggregate(0, (hash, e) => HashCode.Combine(hash, e.Key, e.Value));

    public override string ToString() => string.Join(", ", entries.Select(e => $"{e.Key}={e.Value}"));
}
