namespace Orleans.Tuning.Model.Specs;

/// <summary>How points of the unit cube are chosen.</summary>
public enum SamplerKind
{
    Random,
    Halton,
    Grid,
}

/// <param name="Points">Grid only: levels per continuous dimension.</param>
public sealed record SamplerSpec(SamplerKind Kind = SamplerKind.Random, int Points = 3);
