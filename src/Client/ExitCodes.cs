namespace Orleans.Tuning.Client;

/// <summary>What a <c>tune</c> exit code means, so scripts and CI can branch on it.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The study failed or a file could not be written.</summary>
    public const int Failed = 1;

    /// <summary>The spec or its dataset is invalid or unreadable; nothing was started.</summary>
    public const int InvalidSpec = 2;

    /// <summary>The cluster named with --cluster could not be reached.</summary>
    public const int Unreachable = 3;

    /// <summary>Ctrl-C, as shells report SIGINT (128 + 2).</summary>
    public const int Cancelled = 130;
}
