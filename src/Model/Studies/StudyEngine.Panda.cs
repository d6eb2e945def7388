using Orleans.Tuning.Model.Scheduling;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Studies;

// Panda: one model at a time, babysat round by round; later pandas start from what earlier ones learned.
public sealed partial class StudyEngine
{

    private void LaunchPanda(StepBuilder step)
    {
        double[] point;
        var finished = _generationTrials.Where(t => t.Rounds.Count > 0).Select(t => (t.Point, t.LastScore)).ToList();
        if (finished.Count == 0 || _sampler is GridSampler or IModelSampler)
        {
            point = NextSample();
        }
        else
        {
            // Start near the best panda so far, kept inside this generation's region.
            var region = _regions[^1];
            point = [.. Panda.NextStartingPoint(finished, Scales, _rng).Select((u, i) => Math.Clamp(u, region.Lower[i], region.Upper[i]))];
        }
        LaunchSample(point, step);
    }

    private void DecidePanda(TrialRecord t, StepBuilder step)
    {
        var round = t.Rounds.Count;
        var history = t.Rounds.Select(r => new RoundResult(t.Number, r.Report.Round, r.Score, r.Report.TrainLoss, r.BaseLearningRate)).ToList();
        switch (_panda.Decide(history, t.LearningRate))
        {
            case PandaDecision.Rollback when SearchBudgetSpent:
                Stop(t, round, "epoch budget spent", step);
                RecordFailure(t, $"diverged in round {round} with no budget left to retrain it");
                return;
            case PandaDecision.Rollback r:
                t.Rounds.RemoveAt(t.Rounds.Count - 1);
                Rescore(t);
                t.LearningRate = r.NewLearningRate;
                t.Note = $"diverged in round {round}: rolled back, learning rate {r.NewLearningRate:G3}";
                Decide(t, round, new Decision.Rollback(r.NewLearningRate, t.Note), step);
                return;
            case PandaDecision.Stop s:
                Stop(t, round, s.Reason, step);
                if (double.IsNaN(t.LastScore)) RecordFailure(t, s.Reason);
                return;
            case PandaDecision.NudgeLearningRate n:
                if (StopByScheduler(t, round, step)) return;
                t.LearningRate = n.NewLearningRate;
                t.Note = $"stalled: learning rate {n.NewLearningRate:G3}";
                Decide(t, round, new Decision.SetLearningRate(n.NewLearningRate, t.Note), step);
                return;
            default:
                if (StopByScheduler(t, round, step)) return;
                Decide(t, round, Decision.Continuing, step);
                return;
        }
    }

    // Earlier pandas are the scheduler's population: a panda below their median at this round stops.
    private bool StopByScheduler(TrialRecord t, int round, StepBuilder step)
    {
        var stop = BudgetStop(t);
        if (stop is null && _stopping.OnResult(new RoundResult(t.Number, round, t.LastScore)) is StopDecision.Stop s) stop = s.Reason;
        if (stop is null) return false;
        Stop(t, round, stop, step);
        return true;
    }
}
