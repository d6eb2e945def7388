using Orleans.Tuning.Model.Scheduling;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Studies;

// Caviar: a population trained side by side, judged together at the end of every round.
public sealed partial class StudyEngine
{
    private void LaunchPopulation(int size, StepBuilder step)
    {
        _population = [];
        for (var i = 0; i < size; i++) _population.Add(LaunchSample(NextSample(), step));
    }

    // A member that has trained its last round is stopped in the answer to its report, not at the barrier: the
    // cap is its own, so the verdict does not depend on who reports first, and members advance in lockstep, so
    // when one is at the cap all are and none is left to exploit it. Its trial is spared a wait and a second call.
    private void StopAtCap(TrialRecord t, StepBuilder step)
    {
        if (t.IsActive && t.Rounds.Count >= t.TargetRounds) Stop(t, t.Rounds.Count, "reached max_epochs_per_trial", step);
    }

    private void DecideCaviar(StepBuilder step)
    {
        // The barrier: nothing is decided while a member is still training this round.
        if (_population.Any(m => m.Phase == TrialPhase.Running)) return;
        var reported = _population.Where(m => m.Phase == TrialPhase.Waiting).OrderBy(m => m.Number).ToList();
        if (reported.Count == 0) return;
        var round = reported[0].Rounds.Count;

        // The scheduler sees the whole round at once, so ASHA is synchronous successive halving
        // here and no member is favoured for its trial number.
        var judged = reported.Where(m => BudgetStop(m) is null).ToList();
        var verdicts = _stopping.OnResults([.. judged.Select(m => new RoundResult(m.Number, round, m.LastScore))]);
        var continuing = new List<TrialRecord>();
        foreach (var m in reported)
        {
            var i = judged.IndexOf(m);
            var stop = i < 0 ? BudgetStop(m) : verdicts[i] is StopDecision.Stop s ? s.Reason : null;
            if (stop is not null) Stop(m, round, stop, step);
            else continuing.Add(m);
        }
        // The epoch budget may pay for only part of the next round: the best members get it.
        var affordable = SearchRoundsAffordable;
        foreach (var m in continuing.OrderByDescending(m => m.LastScore).ThenBy(m => m.Number).Skip(affordable).ToList())
        {
            continuing.Remove(m);
            Stop(m, round, "epoch budget spent", step);
        }

        var ready = Population.IsReady(round, Spec.Population.ReadyEveryRounds) && reported.Count >= 2;
        var members = reported.Select(m => new Member(m.Number, m.LastScore, HasCheckpoint: true, m.Point)).ToList();
        var population = new Population(Scales, Spec.Population.Quantile, Spec.Population.ResampleProbability, Perturbable());
        foreach (var m in continuing)
        {
            if (ready && population.Decide(m.Number, members, _rng) is PopulationDecision.ExploitAndExplore e)
            {
                var source = _trials[e.SourceTrial];
                m.Point = e.NewPoint;
                m.Hyperparameters = Spec.Space.ToConfiguration(e.NewPoint);
                Rescore(m);
                m.LearningRate = LearningRateOf(m.Hyperparameters);
                m.Note = $"copied trial {source.Number} (score {source.LastScore:G4})";
                Decide(m, round, new Decision.Exploit(source.Number, round, m.Hyperparameters), step);
            }
            else
            {
                Decide(m, round, Decision.Continuing, step);
            }
        }
    }

    // Copied weights only fit a network of the same shape and optimizer state, so architecture-like settings are never perturbed;
    // what is perturbed (rates, β, ε, decay) reaches the trial as its new hyperparameters and is what it resumes with.
    private IReadOnlyList<Search.Scale> Scales => [.. Spec.Space.Dimensions.Select(d => d.Scale)];

    private bool[] Perturbable() =>
        [.. Spec.Space.Dimensions.Select(d => !Hyperparameters.TryGet(d.Name, out var h) || !h.IsArchitecture)];
}
