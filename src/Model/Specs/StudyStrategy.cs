namespace Orleans.Tuning.Model.Specs;

/// <summary>Pandas or caviar (course notes 3.3).</summary>
public enum StudyStrategy
{
    /// <summary>The league table's winner: caviar with successive halving, whatever the number of training slots.</summary>
    Auto,

    /// <summary>One model at a time, babysat round by round.</summary>
    Panda,

    /// <summary>Many models in parallel, with population-based exploit and explore.</summary>
    Caviar,
}
