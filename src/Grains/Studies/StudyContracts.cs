namespace Orleans.Tuning.Grains.Studies;

public enum StudyPhase { NotStarted, Running, Completed, Cancelled, Failed }

/// <summary>A trial as a study's live view shows it.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.TrialRow")]
public sealed record TrialRow(
    [property: Id(0)] int Number,
    [property: Id(1)] string Kind,
    [property: Id(2)] Model.Search.Configuration Hyperparameters,
    [property: Id(3)] int Round,
    [property: Id(4)] double? ValidationAccuracy,
    [property: Id(5)] double? ValidationLoss,
    [property: Id(6)] double? Score,
    [property: Id(7)] string State,
    [property: Id(8)] string? Note);

/// <summary>A trial that ended without a result, and why: the exception's message or how it diverged, never a stack trace.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.TrialFailure")]
public sealed record TrialFailure(
    [property: Id(0)] int Trial,
    [property: Id(1)] int Round,
    [property: Id(2)] string Reason);

/// <summary>The best configuration found, with its re-test record.</summary>
/// <param name="Hyperparameters">Every hyperparameter the trial trained with: searched, fixed and defaults.</param>
/// <param name="Score">The objective (higher is better) of the original run; <paramref name="Mean"/> and <paramref name="Spread"/> over the original and its re-tests.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.BestTrial")]
public sealed record BestTrial(
    [property: Id(0)] int Trial,
    [property: Id(1)] IReadOnlyDictionary<string, string> Hyperparameters,
    [property: Id(2)] string Metric,
    [property: Id(3)] double Score,
    [property: Id(4)] double Mean,
    [property: Id(5)] double Spread,
    [property: Id(6)] int Runs,
    [property: Id(7)] double ValidationAccuracy,
    [property: Id(8)] double ValidationLoss,
    [property: Id(9)] double? TestAccuracy = null,
    [property: Id(10)] double? TestLoss = null);

/// <summary>Where a study stands: the live view polls this.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.StudyStatus")]
public sealed record StudyStatus(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] StudyPhase Phase,
    [property: Id(3)] string Strategy,
    [property: Id(4)] string StrategyReason,
    [property: Id(5)] DateTime StartedUtc,
    [property: Id(6)] TimeSpan Elapsed,
    [property: Id(7)] TimeSpan? WallTime,
    [property: Id(8)] int TrialsLaunched,
    [property: Id(9)] int? TrialBudget,
    [property: Id(10)] int EpochsUsed,
    [property: Id(11)] int? EpochBudget,
    [property: Id(12)] int Generation,
    [property: Id(13)] IReadOnlyList<TrialRow> Active,
    [property: Id(14)] BestTrial? Best,
    [property: Id(15)] string? Message,
    [property: Id(16)] int ReportsReceived,
    [property: Id(17)] string Objective,
    [property: Id(18)] int TrialsFailed,
    [property: Id(19)] IReadOnlyList<TrialFailure> RecentFailures,
    [property: Id(20)] IReadOnlyList<LeaderRow> Leaders,
    [property: Id(21)] IReadOnlyList<DimensionRow> Space,
    [property: Id(22)] int RetestEpochs = 0,
    [property: Id(23)] double RetestShareCap = 0,
    [property: Id(24)] double? RetestEpochCap = null);

/// <summary>A place on the live leaderboard: a search trial ranked by the mean of its original run and its re-tests.</summary>
/// <param name="Spread">Sample standard deviation over the runs; 0 for a single run.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.LeaderRow")]
public sealed record LeaderRow(
    [property: Id(0)] int Trial,
    [property: Id(1)] Model.Search.Configuration Hyperparameters,
    [property: Id(2)] double Mean,
    [property: Id(3)] double Spread,
    [property: Id(4)] int Runs,
    [property: Id(5)] int Rounds);

/// <summary>A searched hyperparameter with its scale and the region the current generation samples, so a view can print and plot it on its own scale.</summary>
/// <param name="Scale">A <see cref="Model.Specs.ScaleKind"/> name.</param>
/// <param name="RegionLower">The current region's lower bound as u in [0, 1] of the scale; <paramref name="RegionUpper"/> likewise.</param>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.DimensionRow")]
public sealed record DimensionRow(
    [property: Id(0)] string Name,
    [property: Id(1)] string Scale,
    [property: Id(2)] double Min,
    [property: Id(3)] double Max,
    [property: Id(4)] IReadOnlyList<string> Choices,
    [property: Id(5)] double RegionLower,
    [property: Id(6)] double RegionUpper);

/// <summary>A study that cannot start or run; the message is kept across the wire, unlike most exceptions'.</summary>
[GenerateSerializer, Alias("Orleans.Tuning.StudyException")]
public sealed class StudyException(string message) : Exception(message);

/// <summary>One line of results.csv: one trial, one round (round 0, with no metrics, for a trial that failed before its first report).</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.ResultRow")]
public sealed record ResultRow(
    [property: Id(0)] int Trial,
    [property: Id(1)] string Kind,
    [property: Id(2)] int? RetestOf,
    [property: Id(3)] int Generation,
    [property: Id(4)] int Round,
    [property: Id(5)] int Epochs,
    [property: Id(6)] double TrainLoss,
    [property: Id(7)] double ValidationLoss,
    [property: Id(8)] double ValidationAccuracy,
    [property: Id(9)] double LearningRate,
    [property: Id(10)] double Score,
    [property: Id(11)] Model.Search.Configuration Hyperparameters,
    [property: Id(12)] string Decision,
    [property: Id(13)] string? Failure);

/// <summary>A trial's place in the final ranking, by the mean of its original run and its re-tests.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.RankedRow")]
public sealed record RankedRow(
    [property: Id(0)] int Trial,
    [property: Id(1)] double Mean,
    [property: Id(2)] double Spread,
    [property: Id(3)] int Runs,
    [property: Id(4)] double Original,
    [property: Id(5)] IReadOnlyList<double> Retests);

/// <summary>The search region of one generation, in each dimension's own units.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.RegionRow")]
public sealed record RegionRow(
    [property: Id(0)] int Generation,
    [property: Id(1)] IReadOnlyList<string> Dimensions,
    [property: Id(2)] IReadOnlyList<string> Lower,
    [property: Id(3)] IReadOnlyList<string> Upper);

/// <summary>Everything a finished (or cancelled) study learned.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.StudyResults")]
public sealed record StudyResults(
    [property: Id(0)] StudyStatus Status,
    [property: Id(1)] IReadOnlyList<ResultRow> Rows,
    [property: Id(2)] IReadOnlyList<RankedRow> Ranking,
    [property: Id(3)] IReadOnlyList<RegionRow> Regions,
    [property: Id(4)] IReadOnlyList<TrialFailure> Failures,
    [property: Id(5)] IReadOnlyList<ParetoRow>? ParetoFront = null);

/// <summary>A trial on a two-objective study's Pareto front: its score (higher is better), its cost (lower is better) and its configuration.</summary>
[GenerateSerializer, Immutable, Alias("Orleans.Tuning.ParetoRow")]
public sealed record ParetoRow(
    [property: Id(0)] int Trial,
    [property: Id(1)] double Score,
    [property: Id(2)] double Cost,
    [property: Id(3)] Model.Search.Configuration Hyperparameters);
