namespace Orleans.Tuning.Grains;

/// <summary>References to string-keyed grains without Orleans' per-call interface lookup.</summary>
/// <remarks>
/// <c>GetGrain&lt;T&gt;(key)</c> resolves T's grain interface type from its attributes on every call (reflection, not
/// cached by Orleans 10.4): in bench/Orchestration, where a trial is a handful of calls, that was about 8 % of the silo's
/// samples. The interface and grain types depend only on T's attributes, so they are resolved once per process here.
/// </remarks>
internal static class GrainReferences<T> where T : IGrainWithStringKey
{
    private static (GrainType Type, GrainInterfaceType Interface)? s_types;

    public static T Get(IGrainFactory grains, string key)
    {
        if (s_types is { } types) return (T)grains.GetGrain(GrainId.Create(types.Type, key), types.Interface);
        var reference = grains.GetGrain<T>(key);
        var resolved = (GrainReference)(object)reference;
        s_types = (resolved.GrainId.Type, resolved.InterfaceType);
        return reference;
    }
}
