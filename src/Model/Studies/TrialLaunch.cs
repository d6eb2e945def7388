using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Studies;

public enum TrialKind { Search, Retest }

/// <summary>A trial to start: its number, hyperparameters (the searched ones), point in the unit cube, and seed.</summary>
/// <param name="RetestOf">For a re-test, the leader it re-trains from scratch.</param>
/// <param name="SplitSeed">Which train/validation split it trains on: the study's for search trials, a fresh one for a re-test,
/// so a leader that won on a lucky split falls too. The test part never depends on it.</param>
public sealed record TrialLaunch(int Number, Configuration Hyperparameters, double[] Point, ulong Seed, TrialKind Kind, int? RetestOf, int Generation, int SplitSeed);

/// <summary>What the engine asks of the world after an event: trials to start and decisions to deliver.</summary>
public sealed record EngineStep(IReadOnlyList<TrialLaunch> Launches, IReadOnlyList<TrialDecisionFor> Decisions)
{
    public static EngineStep None { get; } = new([], []);

    /// <summary>The decision for <paramref name="trial"/>'s <paramref name="round"/> in this step, or Wait.</summary>
    public Decision For(int trial, int round) =>
        Decisions.FirstOrDefault(d => d.Trial == trial && d.Round == round)?.Decision ?? Decision.Waiting;
}
