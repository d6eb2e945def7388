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
public sealed record StoppingSpec(StoppingKind Kind = StoppingKind.Median, int GraceRounds = 2, int ReductionFactor = 3);
