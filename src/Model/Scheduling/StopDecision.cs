namespace Orleans.Tuning.Model.Scheduling;

/// <summary>A stopping scheduler's answer after a round: <see cref="Continue"/> or <see cref="Stop"/> with a reason a person can read.</summary>
public abstract record StopDecision
{
    // Private so the two cases below are the only ones; a grain can switch over them exhaustively.
    private StopDecision()
    {
    }

    public sealed record Continue : StopDecision;

    public sealed record Stop(string Reason) : StopDecision;

    public bool ShouldStop => this is Stop;
}
