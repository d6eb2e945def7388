namespace Orleans.Tuning.Model.Specs;

/// <summary>One problem in a study spec: the path of the offending key (YAML keys joined by dots, list indexes in brackets) and what is wrong.</summary>
public sealed record SpecError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
