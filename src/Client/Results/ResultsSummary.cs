using Orleans.Tuning.Client.Watching;
using Orleans.Tuning.Grains.Studies;
using Spectre.Console;

namespace Orleans.Tuning.Client.Results;

/// <summary>The lines printed after a study: how it ended, the best configuration and its re-test record, the files written.</summary>
internal static class ResultsSummary
{
    public static void Print(IAnsiConsole console, StudyResults results, IEnumerable<string> paths)
    {
        var s = results.Status;
        var failed = s.Phase == StudyPhase.Failed;
        console.PlainLine(
            $"study {s.Id} {s.Phase.ToString().ToLowerInvariant()} after {StatusText.Clock(s.Elapsed)}: " +
            $"{s.TrialsLaunched} trials, {s.EpochsUsed} epochs" +
            (s.RetestEpochs > 0 ? $" ({RetestShare(s)})" : "") +
            (s.TrialsFailed > 0 ? $", {s.TrialsFailed} failed or diverged" : "") +
            (s.Message is { } m && !failed ? $" ({m})" : ""));
        if (failed)
            console.PlainLine($"error: {s.Message ?? "the study failed"}");
        if (s.Best is { } b)
        {
            console.PlainLine(
                $"best: trial {b.Trial}, {b.Metric} {StatusText.Number(b.Score)} " +
                $"(mean {StatusText.Number(b.Mean)} ± {StatusText.Number(b.Spread)} over {b.Runs} run{(b.Runs == 1 ? "" : "s")}); " +
                $"validation accuracy {StatusText.Number(b.ValidationAccuracy)}, loss {StatusText.Number(b.ValidationLoss)}" +
                (b.TestAccuracy is { } test ? $"; test accuracy {StatusText.Number(test)} (held out, measured once)" : ""));
            console.PlainLine($"  {string.Join("  ", b.Hyperparameters.Select(h => $"{h.Key}={h.Value}"))}");
        }
        else
        {
            console.PlainLine("best: none (no trial reported a finite score)");
        }
        if (results.ParetoFront is { } front)
            PrintFront(console, front);
        foreach (var path in paths)
            console.PlainLine($"wrote {path}");
    }

    // The whole front is in best.json; the console shows enough of it to weigh the trade-off.
    private const int FrontLines = 20;

    private static void PrintFront(IAnsiConsole console, IReadOnlyList<ParetoRow> front)
    {
        console.PlainLine($"pareto front: {front.Count} trial{(front.Count == 1 ? "" : "s")} no other beats on both objectives, cheapest first (score: higher is better; cost: lower is better)");
        foreach (var p in front.Take(FrontLines))
            console.PlainLine($"  trial {p.Trial}: score {StatusText.Number(p.Score)}, cost {StatusText.Number(p.Cost)}  {p.Hyperparameters}");
        if (front.Count > FrontLines)
            console.PlainLine($"  ... and {front.Count - FrontLines} more in best.json");
    }

    // The cap is a share of the budget, not of what was trained: a study that stopped early may show more of the latter,
    // and under a trial budget, whose trials the halving stops early while re-tests train in full, it usually does.
    private static string RetestShare(StudyStatus s)
    {
        var share = StatusText.Number(100 * s.RetestShareCap);
        if (s.EpochBudget is { } budget)
            return $"{s.RetestEpochs} on re-tests: {StatusText.Number(100.0 * s.RetestEpochs / budget)} % of the {budget}-epoch budget, cap {share} %";
        if (s.TrialBudget is { } trials && s.RetestEpochCap is { } cap && s.RetestShareCap > 0)
            return $"{s.RetestEpochs} on re-tests, cap {StatusText.Number(cap)}: {share} % of the {StatusText.Number(cap / s.RetestShareCap)} epochs {trials} trials may train";
        return $"{s.RetestEpochs} on re-tests; cap {share} % of all epochs trained";
    }
}
