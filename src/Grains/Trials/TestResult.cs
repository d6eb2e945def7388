namespace Orleans.Tuning.Grains.Trials;

/// <summary>The chosen configuration on the test part, measured once at the end of a study: the honest estimate of how it generalises.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.TestResult")]
public sealed record TestResult(
    [property: Id(0)] int Trial,
    [property: Id(1)] double Accuracy,
    [property: Id(2)] double Loss);
