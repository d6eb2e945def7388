using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Grains.Wire;

/// <summary>The wire and storage form of a search <see cref="Region"/>.</summary>
[GenerateSerializer, Alias("Orleans.Tuning.Region")]
public struct RegionSurrogate
{
    [Id(0)] public double[] Lower;
    [Id(1)] public double[] Upper;
    [Id(2)] public double[]?[]? Weights;
}

[RegisterConverter]
public sealed class RegionConverter : IConverter<Region, RegionSurrogate>
{
    public Region ConvertFromSurrogate(in RegionSurrogate s) => new(s.Lower, s.Upper, s.Weights);

    public RegionSurrogate ConvertToSurrogate(in Region value) => new() { Lower = value.Lower, Upper = value.Upper, Weights = value.Weights };
}
