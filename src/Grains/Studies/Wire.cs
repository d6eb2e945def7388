using Orleans.Tuning.Grains.Trials;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>Translations between the engine's values and the wire records.</summary>
internal static class Wire
{
    public static RoundReport ToReport(RoundMetrics m) =>
        new(m.Round, m.Epochs, m.TrainLoss, m.ValidationLoss, m.ValidationAccuracy, m.LearningRate, m.Seconds, m.SecondValue);

    public static TrialDecision ToWire(Decision d) => d switch
    {
        Decision.Continue => TrialDecision.Continue,
        Decision.Wait => TrialDecision.Wait,
        Decision.Stop s => TrialDecision.Stop(s.Reason),
        Decision.Exploit e => new TrialDecision(DecisionKind.Exploit, SourceTrial: e.SourceTrial, SourceRound: e.SourceRound, Hyperparameters: e.Hyperparameters),
        Decision.Rollback r => new TrialDecision(DecisionKind.Rollback, r.Reason, LearningRate: r.LearningRate),
        Decision.SetLearningRate l => new TrialDecision(DecisionKind.SetLearningRate, l.Reason, LearningRate: l.LearningRate),
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "unknown decision"),
    };
}
