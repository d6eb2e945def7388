namespace Orleans.Tuning.Model.Scheduling;

/// <summary>How hard coarse-to-fine zooms in: keep the best quarter of the history, pad by 5 % of the cube, never narrower than 10 % per dimension.</summary>
public sealed record CoarseToFineOptions(double KeepFraction = 0.25, double Margin = 0.05, double Floor = 0.1);
