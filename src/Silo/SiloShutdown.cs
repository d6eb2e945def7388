namespace Orleans.Tuning.Silo;

/// <summary>How long a stopping silo may take to hand its grains over and leave the cluster.</summary>
/// <remarks>
/// Trials write their state and studies their log as they deactivate; a round being trained finishes first. The
/// pod's terminationGracePeriodSeconds (deploy/k8s) must be longer, or the kubelet kills the silo mid-handover.
/// </remarks>
public static class SiloShutdown
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
}
