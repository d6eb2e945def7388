namespace Orleans.Tuning.Deploy.Tests.Silo;

[CollectionDefinition(Name)]
public sealed class SiloProcessCollection
{
    /// <summary>The tests that start silos: one at a time, since silos starting side by side on a small, busy machine can take minutes to join.</summary>
    public const string Name = "silo processes";
}
