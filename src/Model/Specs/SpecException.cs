namespace Orleans.Tuning.Model.Specs;

/// <summary>An invalid study spec, with every problem found, not just the first.</summary>
public sealed class SpecException(string source, IReadOnlyList<SpecError> errors)
    : Exception($"{source}: {errors.Count} error{(errors.Count == 1 ? "" : "s")}{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => $"  {e}"))}")
{
    public string SourceName { get; } = source;

    public IReadOnlyList<SpecError> Errors { get; } = errors;
}
