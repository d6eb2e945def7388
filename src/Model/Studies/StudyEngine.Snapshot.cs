using System.IO.Compression;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Model.Studies;

// A snapshot of the engine, so a study that re-activates restores its state and replays only the events after it.
public sealed partial class StudyEngine
{
    // Raised whenever the layout changes: a snapshot in another layout is not read, and the study replays its whole log instead.
    private const int SnapshotFormatVersion = 1;

    /// <summary>The engine's whole state, compressed: <see cref="Restore"/> with the same spec and strategy gives back an engine that decides exactly as this one.</summary>
    /// <remarks>
    /// What can be rebuilt from the trials is left out and rebuilt on restore: the active set, the leaderboard and coarse
    /// to fine's evidence. The samplers keep nothing (a model sampler is a function of the history; the others of an index).
    /// </remarks>
    public byte[] Snapshot()
    {
        // Laid out in memory first and compressed in one pass: a compressing stream fed value by value costs ten times as much.
        using var raw = new MemoryStream();
        using (var binary = new BinaryWriter(raw, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            var w = new SnapshotWriter(binary);
            w.Write(SnapshotFormatVersion);
            w.Write(Spec.Seed);
            w.Write(Spec.Space.Count);
            w.Write((int)Strategy);
            WriteState(w);
        }
        using var zipped = new MemoryStream((int)(raw.Length / 3));
        using (var zip = new ZLibStream(zipped, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(raw.GetBuffer(), 0, (int)raw.Length);
        return zipped.ToArray();
    }

    /// <summary>The engine <paramref name="snapshot"/> was taken of.</summary>
    /// <exception cref="InvalidDataException">The snapshot is of another layout, another study, or damaged: replay the log instead.</exception>
    public static StudyEngine Restore(StudySpec spec, StudyStrategy strategy, byte[] snapshot)
    {
        using var raw = new MemoryStream();
        using (var zip = new ZLibStream(new MemoryStream(snapshot), CompressionMode.Decompress)) zip.CopyTo(raw);
        raw.Position = 0;
        using var binary = new BinaryReader(raw);
        var r = new SnapshotReader(binary);
        try
        {
            if (r.ReadInt() is var version && version != SnapshotFormatVersion) throw new InvalidDataException($"snapshot format {version}, this engine reads {SnapshotFormatVersion}");
            if (r.ReadInt() != spec.Seed || r.ReadInt() != spec.Space.Count || r.ReadInt() != (int)strategy)
                throw new InvalidDataException("the snapshot is of another study (its seed, space or strategy differ)");
            var engine = new StudyEngine(spec, strategy);
            engine.ReadState(r);
            if (raw.Position != raw.Length) throw new InvalidDataException($"{raw.Length - raw.Position} bytes left over after the snapshot");
            return engine;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("the snapshot ends early", e);
        }
    }

    private void WriteState(SnapshotWriter w)
    {
        foreach (var word in _rng.State) w.Write(word);

        w.Write(_trials.Count);
        foreach (var t in _trials)
        {
            w.Write(t.Launch);
            w.Write(t.LearningRate);
            w.Write(t.TargetRounds);
            w.Write((int)t.Phase);
            w.Write(t.Hyperparameters);
            w.Write(t.Point);
            w.WriteNullable(t.Note);
            w.WriteNullable(t.Failure);
            w.Write(t.LastDecision is not null);
            if (t.LastDecision is { } d)
            {
                w.Write(d.Round);
                w.Write(d.Decision);
            }
            // Every round ever reported; the kept ones are those rounds as reported (before their decision), named by position.
            w.Write(t.AllRounds.Count);
            foreach (var round in t.AllRounds) w.Write(round);
            w.Write(KeptRounds(t));
        }
        w.Write(_failures);
        w.Write(_learned);

        w.Write(_samples);
        w.Write(_regions.Count);
        foreach (var region in _regions) w.Write(region);
        w.Write(_generationTrials.Select(t => t.Number).ToList());
        w.Write(_population.Select(t => t.Number).ToList());

        w.Write(_retestsOf.Count);
        foreach (var (leader, retests) in _retestsOf)
        {
            w.Write(leader);
            w.Write(retests);
        }
        w.Write(_completedSinceRetest);
        w.Write(_roundsSinceRetest);
        w.Write(_retestRequested);
        w.Write(_retesting);
        w.Write(_finalRetestStarted);
        w.Write(_reserveReleased);
        w.Write(_noMoreLaunches);

        w.Write(Generation);
        w.Write(EpochsUsed);
        w.Write(IsFinished);
        w.WriteNullable(FinishReason);
        w.Write(Failed);

        var seen = _stopping.Seen.ToList();
        w.Write(seen.Count);
        foreach (var (result, decision) in seen) w.Write(result, decision);
    }

    private void ReadState(SnapshotReader r)
    {
        _rng.Restore([r.ReadULong(), r.ReadULong(), r.ReadULong(), r.ReadULong()]);

        var trials = r.Count();
        for (var i = 0; i < trials; i++)
        {
            var launch = r.ReadLaunch();
            if (launch.Number != i) throw new InvalidDataException($"trial {launch.Number} where trial {i} belongs");
            var t = new TrialRecord(launch, r.ReadDouble(), r.ReadInt())
            {
                Phase = (TrialPhase)r.ReadInt(),
                Hyperparameters = r.ReadConfiguration(),
                Point = r.ReadDoubles(),
                Note = r.ReadNullableString(),
                Failure = r.ReadNullableString(),
            };
            if (r.ReadBool()) t.LastDecision = new TrialDecisionFor(i, r.ReadInt(), r.ReadDecision());
            for (var n = r.Count(); n > 0; n--) t.AllRounds.Add(r.ReadRound());
            foreach (var k in r.ReadInts())
                t.Rounds.Add(k >= 0 && k < t.AllRounds.Count ? t.AllRounds[k] with { Decision = "" } : throw new InvalidDataException($"trial {i} keeps round {k} of {t.AllRounds.Count}"));
            _trials.Add(t);
            if (t.IsActive) _active.Add(i);
            if (t.Kind == TrialKind.Search) _searchLaunched++;
        }
        RescoreAll();
        _failures.AddRange(TrialsNumbered(r.ReadInts()).Select(t => t.Number));
        _learned = r.ReadBool();

        _samples = r.ReadInt();
        _regions.Clear();
        for (var n = r.Count(); n > 0; n--) _regions.Add(r.ReadRegion());
        _generationTrials.AddRange(TrialsNumbered(r.ReadInts()));
        _population = TrialsNumbered(r.ReadInts());

        for (var n = r.Count(); n > 0; n--) _retestsOf[r.ReadInt()] = TrialsNumbered(r.ReadInts()).Select(t => t.Number).ToList();
        _completedSinceRetest = r.ReadInt();
        _roundsSinceRetest = r.ReadInt();
        _retestRequested = r.ReadBool();
        _retesting = r.ReadBool();
        _finalRetestStarted = r.ReadBool();
        _reserveReleased = r.ReadBool();
        _noMoreLaunches = r.ReadBool();

        Generation = r.ReadInt();
        EpochsUsed = r.ReadInt();
        IsFinished = r.ReadBool();
        FinishReason = r.ReadNullableString();
        Failed = r.ReadBool();

        var seen = new List<(Scheduling.RoundResult, Scheduling.StopDecision)>();
        for (var n = r.Count(); n > 0; n--) seen.Add(r.ReadStopping());
        _stopping.Reload(seen);
    }

    // Every search trial that ever reported was scored (Rescore); the evidence and the board keep only its latest score,
    // so they are loaded at once from the trials as they stand.
    private void RescoreAll()
    {
        var scored = _trials.Where(t => t.Kind == TrialKind.Search && t.AllRounds.Count > 0)
            .Select(t => (t.Number, t.Point, Score: t.Rounds.Count > 0 ? t.LastScore : double.NaN, Active: ActiveDimensions(t)))
            .ToList();
        _leaderboard.Load(scored.Select(s => (s.Number, s.Score)));
        _evidence.Load(scored);
    }

    // A kept round is the very report recorded in all rounds, whose copy there later gained its decision; rolled-back rounds are skipped.
    private static List<int> KeptRounds(TrialRecord t)
    {
        var kept = new List<int>(t.Rounds.Count);
        var k = 0;
        foreach (var round in t.Rounds)
        {
            while (k < t.AllRounds.Count && t.AllRounds[k].Report != round.Report) k++;
            if (k == t.AllRounds.Count || round.Decision != "") throw new InvalidOperationException($"trial {t.Number}: a kept round that was never reported");
            kept.Add(k++);
        }
        return kept;
    }

    private List<TrialRecord> TrialsNumbered(List<int> numbers) =>
        [.. numbers.Select(n => n >= 0 && n < _trials.Count ? _trials[n] : throw new InvalidDataException($"no trial {n} in the snapshot"))];
}
