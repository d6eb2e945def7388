using System.Globalization;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>A hyperparameter a study can search or fix: its default value and scale, and the values the network accepts.</summary>
/// <param name="Lower">Values must be above this (or at least this, when <paramref name="LowerInclusive"/>).</param>
/// <param name="Below">Values must be below this, when given.</param>
/// <param name="Choices">The names a categorical hyperparameter takes; null for a numeric one.</param>
/// <param name="IsArchitecture">True when the value shapes the weights, their batches or the state a checkpoint carries, so it cannot change when a trial copies another's weights.</param>
public sealed record Hyperparameter(
    string Name,
    string Description,
    ParameterValue Default,
    ScaleKind DefaultScale,
    double Lower = double.NegativeInfinity,
    bool LowerInclusive = true,
    double? Below = null,
    bool IsInteger = false,
    IReadOnlyList<string>? Choices = null,
    bool IsArchitecture = false)
{
    public bool IsCategorical => Choices is not null;

    /// <summary>Why <paramref name="value"/> is not a valid setting, or null when it is.</summary>
    public string? Check(ParameterValue value)
    {
        if (Choices is not null)
        {
            return value.IsChoice && Choices.Contains(value.Choice)
                ? null
                : $"must be one of {string.Join(", ", Choices)}, got '{value}'";
        }
        if (value.IsChoice)
            return $"expected a number, got '{value.Choice}'";
        var x = value.Number;
        var shown = x.ToString(CultureInfo.InvariantCulture);
        if (LowerInclusive ? x < Lower : x <= Lower)
            return $"must be {(LowerInclusive ? ">=" : ">")} {Lower.ToString(CultureInfo.InvariantCulture)}, got {shown}";
        if (Below is { } below && x >= below)
            return $"must be < {below.ToString(CultureInfo.InvariantCulture)}, got {shown}";
        if (IsInteger && x != Math.Floor(x))
            return $"must be an integer, got {shown}";
        return null;
    }
}
