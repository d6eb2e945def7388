using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Grains.Wire;

/// <summary>The wire and storage form of a <see cref="Model.Search.Configuration"/>; the pure core stays free of Orleans attributes.</summary>
[GenerateSerializer, Alias("Orleans.Tuning.Configuration")]
public struct ConfigurationSurrogate
{
    [Id(0)] public string[] Names;
    [Id(1)] public double[] Numbers;
    [Id(2)] public string?[] Choices;
}

[RegisterConverter]
public sealed class ConfigurationConverter : IConverter<Model.Search.Configuration, ConfigurationSurrogate>
{
    public Model.Search.Configuration ConvertFromSurrogate(in ConfigurationSurrogate s)
    {
        var entries = new KeyValuePair<string, ParameterValue>[s.Names.Length];
        for (var i = 0; i < entries.Length; i++)
            entries[i] = KeyValuePair.Create(s.Names[i], s.Choices[i] is { } c ? (ParameterValue)c : s.Numbers[i]);
        return new(entries);
    }

    public ConfigurationSurrogate ConvertToSurrogate(in Model.Search.Configuration value) => new()
    {
        Names = [.. value.Entries.Select(e => e.Key)],
        Numbers = [.. value.Entries.Select(e => e.Value.IsChoice ? 0.0 : e.Value.Number)],
        Choices = [.. value.Entries.Select(e => e.Value.IsChoice ? e.Value.Choice : null)],
    };
}
