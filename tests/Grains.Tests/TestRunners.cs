using Orleans.Tuning.Grains.Trials;

namespace Orleans.Tuning.Grains.Tests;

/// <summary>
/// The real network runner, except for studies whose id starts with "lucky-": there a seeded objective
/// plants a leader that wins by luck — the first trial scores 0.99 with its own seed, while every other
/// run of its configuration scores 0.80 — so the re-test's verdict is certain — and for studies whose id
/// starts with "slow-", where each real round takes at least 150 ms, so a test can act between rounds;
/// in studies whose id starts with "lagging-", trial 1's rounds take 3 s, so its population partner parks
/// waiting for it and a test can act on the parked one;
/// in studies whose id starts with "failing-" every round throws, as a silo with a broken disk would.
/// </summary>
public sealed class TestRunners(DatasetCache datasets) : ITrialRunner
{
    private readonly NetworkTrialRunner _network = new(datasets);

    public ITrialSession Open(TrialPlan plan, Model.Search.Configuration hyperparameters, double? learningRate, byte[]? checkpoint) =>
        plan.StudyId.StartsWith("failing-", StringComparison.Ordinal) ? new Failing(plan)
        : plan.StudyId.StartsWith("lucky-", StringComparison.Ordinal)
            ? new Lucky(plan, hyperparameters, checkpoint)
            : plan.StudyId.StartsWith("slow-", StringComparison.Ordinal)
                ? new Slow(_network.Open(plan, hyperparameters, learningRate, checkpoint), TimeSpan.FromMilliseconds(150))
                : plan.StudyId.StartsWith("lagging-", StringComparison.Ordinal) && plan.Number == 1
                    ? new Slow(_network.Open(plan, hyperparameters, learningRate, checkpoint), TimeSpan.FromSeconds(3))
                    : _network.Open(plan, hyperparameters, learningRate, checkpoint);

    private sealed class Failing(TrialPlan plan) : ITrialSession
    {
        public RoundMetrics TrainRound(int round) => throw new IOException($"disk read error under trial {plan.Number}");

        public byte[] Checkpoint() => [];
    }

    private sealed class Slow(ITrialSession inner, TimeSpan delay) : ITrialSession
    {
        public RoundMetrics TrainRound(int round)
        {
            Thread.Sleep(delay);
            return inner.TrainRound(round);
        }

        public byte[] Checkpoint() => inner.Checkpoint();
    }

    private sealed class Lucky(TrialPlan plan, Model.Search.Configuration hyperparameters, byte[]? checkpoint) : ITrialSession
    {
        private int _rounds = checkpoint?[0] ?? 0;

        public RoundMetrics TrainRound(int round)
        {
            _rounds++;
            var lr = hyperparameters.GetDouble("learning_rate");
            // Trial 0 is the planted one; its configuration is recognised by its learning rate.
            var accuracy = plan.Number == 0 ? 0.99
                : LuckyRate.TryGetValue(plan.StudyId, out var lucky) && lucky == lr ? 0.80
                : 0.90 + 0.001 * plan.Number % 0.05;
            if (plan.Number == 0) LuckyRate[plan.StudyId] = lr;
            return new RoundMetrics(round, _rounds, 1 - accuracy, 1 - accuracy, accuracy, lr, 0);
        }

        public byte[] Checkpoint() => [(byte)_rounds];
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, double> LuckyRate = new();
}
