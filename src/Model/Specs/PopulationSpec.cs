namespace Orleans.Tuning.Model.Specs;

/// <summary>Population-based training in caviar mode: how many train at once and how the weak copy the strong.</summary>
/// <param name="ReadyEveryRounds">A member is considered for exploit/explore every this many rounds.</param>
/// <param name="Quantile">The bottom share copies from the top share of this size.</param>
/// <param name="ResampleProbability">Chance that explore draws a hyperparameter afresh rather than perturbing it.</param>
public sealed record PopulationSpec(int Size = 8, int ReadyEveryRounds = 2, double Quantile = 0.2, double ResampleProbability = 0.25);
