using System.Globalization;

namespace Orleans.Tuning.Model.Specs;

/// <summary>
/// Reads the keys of one mapping of a spec, typed, recording every problem under its path
/// instead of throwing, so a spec with three mistakes reports three errors.
/// </summary>
/// <remarks>
/// Every read marks its key as known; <see cref="Finish"/> then reports the keys nobody asked
/// for as unknown, so the list of valid keys is the code that reads them, never a second copy.
/// </remarks>
internal sealed class SpecReader
{
    private readonly SpecMap map;
    private readonly List<SpecError> errors;
    private readonly List<string> known = [];

    public SpecReader(SpecMap map, string path, List<SpecError> errors)
    {
        this.map = map;
        this.errors = errors;
        Path = path;
        foreach (var duplicate in map.Entries.GroupBy(e => e.Key).Where(g => g.Count() > 1))
            Error(duplicate.Key, "given more than once");
    }

    public string Path { get; }

    public IEnumerable<string> Keys => map.Entries.Select(e => e.Key).Distinct();

    public string PathOf(string key) => Join(Path, key);

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public void Error(string key, string message) => errors.Add(new SpecError(PathOf(key), message));

    /// <summary>The value under <paramref name="key"/>, or null when absent or null; reports "required" when it must be there.</summary>
    public SpecNode? Node(string key, bool required = false)
    {
        known.Add(key);
        var node = map.Entries.LastOrDefault(e => e.Key == key).Value;
        if (node is SpecScalar { Text: null })
            node = null;
        if (node is null && required)
            Error(key, "required");
        return node;
    }

    public SpecReader? Map(string key, bool required = false) => Node(key, required) switch
    {
        null => null,
        SpecMap m => new SpecReader(m, PathOf(key), errors),
        var other => Wrong<SpecReader?>(key, "a mapping", other),
    };

    public string? Text(string key, bool required = false) => Node(key, required) switch
    {
        null => null,
        SpecScalar s => s.Text,
        var other => Wrong<string?>(key, "a text", other),
    };

    public double? Number(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null)
            return null;
        if (ParseNumber(node) is { } x)
            return x;
        return Wrong<double?>(key, "a number", node);
    }

    public int? Int(string key, int min, bool required = false)
    {
        var node = Node(key, required);
        if (node is null)
            return null;
        if (ParseNumber(node) is not { } x || x != Math.Floor(x) || x < int.MinValue || x > int.MaxValue)
            return Wrong<int?>(key, "an integer", node);
        if (x < min)
        {
            Error(key, $"must be >= {min}, got {x.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        return (int)x;
    }

    /// <summary>A duration such as 90s, 10m or 1h30m, at least a second.</summary>
    public TimeSpan? Duration(string key)
    {
        var text = Text(key);
        if (text is null)
            return null;
        var duration = Durations.Parse(text);
        if (duration is null)
            Error(key, $"expected a duration such as 90s, 10m or 1h30m, got '{text}'");
        else if (duration <= TimeSpan.Zero)
            Error(key, $"must be at least 1s, got '{text}'");
        return duration;
    }

    public bool? Bool(string key)
    {
        var node = Node(key);
        return node switch
        {
            null => null,
            SpecScalar { Text: "true" or "True" or "TRUE" } => true,
            SpecScalar { Text: "false" or "False" or "FALSE" } => false,
            _ => Wrong<bool?>(key, "true or false", node),
        };
    }

    /// <summary>One of a fixed set of names, e.g. a strategy; a wrong one is reported with the valid ones.</summary>
    public T? OneOf<T>(string key, IReadOnlyDictionary<string, T> names, bool required = false) where T : struct
    {
        var text = Text(key, required);
        if (text is null)
            return null;
        if (names.TryGetValue(text, out var value))
            return value;
        Error(key, $"unknown value '{text}'{DidYouMean.Hint(text, names.Keys)}");
        return null;
    }

    /// <summary>Reports every key of this mapping that no read asked for.</summary>
    public void Finish()
    {
        foreach (var key in Keys.Where(k => !known.Contains(k)))
            Error(key, $"unknown key{DidYouMean.Hint(key, known)}");
    }

    public T? Wrong<T>(string key, string expected, SpecNode got)
    {
        Error(key, $"expected {expected}, got {got.Describe()}");
        return default;
    }

    public static double? ParseNumber(SpecNode node) =>
        node is SpecScalar { Text: { } text }
        && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
        && double.IsFinite(x)
            ? x
            : null;
}
