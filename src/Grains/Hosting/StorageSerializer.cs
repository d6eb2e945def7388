using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Orleans.Tuning.Grains;

/// <summary>Grain state is stored with Orleans' own serializer, whatever the storage provider.</summary>
/// <remarks>
/// The default JSON serializer needs a parameterless constructor on every stored type and keys data
/// by CLR type name, so a rename orphans it. Orleans' serializer reads the [Id]s and [Alias]es the
/// state types already carry, which survive refactors, and stores checkpoints as bytes, not base64 text.
/// </remarks>
public static class StorageSerializer
{
    public static OptionsBuilder<T> UseOrleansSerializer<T>(this OptionsBuilder<T> options) where T : class, IStorageProviderSerializerOptions =>
        options.Configure<IServiceProvider>((o, services) =>
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()));
}
