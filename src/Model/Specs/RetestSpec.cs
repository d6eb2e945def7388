namespace Orleans.Tuning.Model.Specs;

/// <summary>Re-test occasionally (course notes 3.3): the current leaders re-train from scratch with fresh seeds and are re-ranked by the mean.</summary>
/// <param name="EveryTrials">Re-test after this many more trials complete their max_epochs_per_trial (one stopped early does not count); null when <paramref name="EveryRounds"/> is used.</param>
/// <param name="EveryRounds">Re-test after this many more rounds are reported; null when <paramref name="EveryTrials"/> is used.</param>
/// <param name="Every">Also re-test when this much wall time has passed since the last re-test (a timer; the re-test starts at the next generation boundary).</param>
/// <param name="MaxShare">The share of the study's budget re-tests may take, so they leave most of it to search.</param>
public sealed record RetestSpec(bool Enabled = true, int? EveryTrials = 8, int? EveryRounds = null, int Leaders = 3, int Repeats = 2, TimeSpan? Every = null, double MaxShare = 0.15);
