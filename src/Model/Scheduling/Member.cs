namespace Orleans.Tuning.Model.Scheduling;

/// <summary>One trial of a population as the exploit step sees it: its latest score, whether it has a checkpoint to copy, its unit-cube point.</summary>
public sealed record Member(int Trial, double Score, bool HasCheckpoint, double[] Point);
