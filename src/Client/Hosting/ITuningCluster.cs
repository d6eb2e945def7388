namespace Orleans.Tuning.Client.Hosting;

/// <summary>The cluster a command talks to: today a silo inside this process, later a remote cluster named with <c>--cluster</c>.</summary>
/// <remarks>Commands see only grains, so swapping the embedded silo for a remote connection changes no command.</remarks>
internal interface ITuningCluster : IAsyncDisposable
{
    IGrainFactory Grains { get; }
}
