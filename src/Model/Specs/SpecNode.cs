namespace Orleans.Tuning.Model.Specs;

/// <summary>A node of a parsed spec, YAML or JSON alike, so one walker validates both and names paths.</summary>
internal abstract record SpecNode(int Line, int Column)
{
    /// <summary>What the node is, for "expected X, got Y" messages.</summary>
    public abstract string Describe();
}

/// <summary>A scalar as written; <see cref="Text"/> is null for YAML's null (<c>~</c>, <c>null</c>, nothing) and JSON's null.</summary>
internal sealed record SpecScalar(string? Text, int Line, int Column) : SpecNode(Line, Column)
{
    public override string Describe() => Text is null ? "null" : $"'{Text}'";
}

/// <summary>A mapping whose entries keep their written order and duplicates, so the walker can report both.</summary>
internal sealed record SpecMap(IReadOnlyList<KeyValuePair<string, SpecNode>> Entries, int Line, int Column) : SpecNode(Line, Column)
{
    public override string Describe() => "a mapping";
}

internal sealed record SpecList(IReadOnlyList<SpecNode> Items, int Line, int Column) : SpecNode(Line, Column)
{
    public override string Describe() => "a list";
}
