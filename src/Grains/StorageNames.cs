namespace Orleans.Tuning.Grains;

/// <summary>The storage provider names the grains ask for; the host decides what backs them.</summary>
public static class StorageNames
{
    public const string Tuning = "tuning";
}
