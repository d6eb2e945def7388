namespace Orleans.Tuning.Model.Specs;

/// <summary>How unpromising trials are stopped early.</summary>
public enum StoppingKind
{
    /// <summary>Every trial trains until the budget or its epoch cap.</summary>
    None,

    /// <summary>Stop a trial whose best score so far is below the median of the others' running averages at the same round.</summary>
    Median,

    /// <summary>Successive halving: at each rung keep the top 1/reduction_factor (synchronous at a caviar round's barrier, asynchronous for pandas).</summary>
    Asha,
}

/// <param name="GraceRounds">Rounds a trial trains before it can be stopped (median and ASHA alike).</param>
/// <param name="ReductionFactor">ASHA only: the rung spacing and the fraction promoted (1/η).</param>
/// <remarks>
/// The default is ASHA with its first rung after one round and η = 2 (rungs at 1, 2, 4, 8 … rounds): it
/// won the league table at equal epochs on digits, letter and fashion-mnist (docs/benchmarks.md). A spec that names a kind
/// without a grace period gets that kind's own default, from <see cref="DefaultGraceRounds"/>.
/// </remarks>
public sealed record StoppingSpec(StoppingKind Kind = StoppingKind.Asha, int GraceRounds = 0, int ReductionFactor = 2)
{
    /// <summary>
    /// ASHA judges after one round: a round is the cheapest screen, and its later rungs correct an early misjudgement.
    /// The median rule compares running averages, which need a couple of rounds to mean anything.
    /// </summary>
    public static int DefaultGraceRounds(StoppingKind kind) => kind == StoppingKind.Median ? 2 : 0;
}
