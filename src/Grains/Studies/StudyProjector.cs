using Orleans.Tuning.Grains.Storage;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Grains.Studies;

/// <summary>Keeps the queryable tables of a study up to date, writing only the trials that changed since the last write.</summary>
internal sealed class StudyProjector
{
    // The ranking and regions are recomputed at most this often while the study runs; always at its end.
    private const int FlushesPerSummary = 30;

    private HashSet<int> _touched = [];
    private readonly Dictionary<int, int> _roundsWritten = [];
    private int _flushes;
    private bool _statusChanged = true;

    public void Touch(int trial) => _touched.Add(trial);

    public void Touch(EngineStep step)
    {
        foreach (var l in step.Launches) _touched.Add(l.Number);
        foreach (var d in step.Decisions) _touched.Add(d.Trial);
        _statusChanged = true;
    }

    public void TouchAll(StudyEngine engine)
    {
        foreach (var t in engine.Trials) _touched.Add(t.Number);
        _statusChanged = true;
    }

    /// <summary>An earlier activation wrote the finished study's tables: nothing is left to write.</summary>
    public void AlreadyFinal()
    {
        FinalWritten = true;
        _statusChanged = false;
    }

    public bool HasChanges => _touched.Count > 0 || _statusChanged;

    /// <summary>The summary of a finished study has been written; until then every flush tries again.</summary>
    public bool FinalWritten { get; private set; }

    /// <summary>Writes what changed; on failure it is all kept for the next attempt.</summary>
    public async Task WriteAsync(IStudyStore store, string id, string specText, StudyStatus status, StudyEngine engine, Func<StudyResults> summary, bool final)
    {
        var touched = _touched;
        _touched = [];
        _statusChanged = false;
        try
        {
            var trials = new List<TrialProjection>();
            var rounds = new List<RoundProjection>();
            foreach (var number in touched.Order())
            {
                var t = engine.Trials[number];
                trials.Add(new TrialProjection(t.Number, StudyView.Kind(t), t.Launch.RetestOf, t.Launch.Generation, t.Hyperparameters,
                    StudyView.State(t), t.Failure, t.Rounds.Count > 0 ? t.LastScore : null, t.Rounds.Count));
                // The last row written may have gained its decision since: it is written again.
                var from = Math.Max(0, _roundsWritten.GetValueOrDefault(number) - 1);
                var rows = StudyView.Rows(t).ToList();
                for (var seq = from; seq < rows.Count; seq++) rounds.Add(new RoundProjection(seq, rows[seq]));
            }
            var withSummary = final || ++_flushes % FlushesPerSummary == 0;
            await store.WriteProjectionAsync(new StudyProjection(id, specText, status, trials, rounds, withSummary ? summary() : null));
            foreach (var number in touched) _roundsWritten[number] = Math.Max(1, engine.Trials[number].AllRounds.Count);
            if (final) FinalWritten = true;
        }
        catch
        {
            _touched.UnionWith(touched);
            _statusChanged = true;
            throw;
        }
    }
}
