using System.Diagnostics;
using Orleans.Tuning.Model.Synthetic;

namespace Orleans.Tuning.Grains.Trials;

/// <summary>Evaluates a synthetic objective (Branin, Hartmann-6, ...) at the trial's point instead of training: a round's loss is the function's value.</summary>
/// <remarks>
/// It lets a search strategy be measured through the real grains and study engine in seconds. The value is exact,
/// so every round gives the same one; the spec makes a synthetic trial one round long. There is no accuracy (0) and
/// no test part, and the checkpoint is empty: there are no weights to carry.
/// </remarks>
public sealed class SyntheticTrialRunner : ITrialRunner
{
    public ITrialSession Open(TrialPlan plan, Model.Search.Configuration hyperparameters, double? learningRate, byte[]? checkpoint)
    {
        var name = plan.Data.Synthetic ?? throw new ArgumentException($"trial {plan.GrainKey} names no synthetic objective", nameof(plan));
        if (!SyntheticObjective.All.TryGetValue(name, out var objective))
            throw new ArgumentException($"unknown synthetic objective '{name}'", nameof(plan));
        return new Session(objective, hyperparameters, plan.EpochsPerRound);
    }

    private sealed class Session(SyntheticObjective objective, Model.Search.Configuration point, int epochsPerRound) : ITrialSession
    {
        public RoundMetrics TrainRound(int round)
        {
            var clock = Stopwatch.StartNew();
            var value = objective.Evaluate(point);
            return new RoundMetrics(round, round * epochsPerRound, value, value, 0, 0, clock.Elapsed.TotalSeconds, objective.Second(point));
        }

        public byte[] Checkpoint() => [];
    }
}
