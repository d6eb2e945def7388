using Orleans.Tuning.Model.Scheduling;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Studies;

/// <summary>How the engine's values are laid out in a snapshot: plain binary, doubles bit for bit.</summary>
/// <remarks>
/// Bit-exact doubles matter: a restored engine must decide exactly as the one that wrote the snapshot, and a
/// decimal round trip of a NaN payload or a last-digit difference in a score could tip a ranking.
/// A trial's rounds mostly share one configuration object, so configurations are written once and referred to
/// by number after that.
/// </remarks>
internal sealed class SnapshotWriter(BinaryWriter w)
{
    private readonly Dictionary<Configuration, int> _configurations = new(ReferenceEqualityComparer.Instance);

    public void Write(int x) => w.Write(x);
    public void Write(long x) => w.Write(x);
    public void Write(bool x) => w.Write(x);
    public void Write(double x) => w.Write(x);
    public void Write(ulong x) => w.Write(x);
    public void Write(string x) => w.Write(x);

    public void WriteNullable(string? x)
    {
        w.Write(x is not null);
        if (x is not null) w.Write(x);
    }

    public void WriteNullable(int? x)
    {
        w.Write(x.HasValue);
        if (x.HasValue) w.Write(x.Value);
    }

    public void Write(double[] xs)
    {
        w.Write(xs.Length);
        foreach (var x in xs) w.Write(x);
    }

    public void Write(IReadOnlyCollection<int> xs)
    {
        w.Write(xs.Count);
        foreach (var x in xs) w.Write(x);
    }

    public void Write(Configuration c)
    {
        if (_configurations.TryGetValue(c, out var known))
        {
            w.Write(known);
            return;
        }
        w.Write(_configurations.Count);
        _configurations[c] = _configurations.Count;
        w.Write(c.Entries.Count);
        foreach (var (name, value) in c.Entries)
        {
            w.Write(name);
            w.Write(value.IsChoice);
            if (value.IsChoice) w.Write(value.Choice);
            else w.Write(value.Number);
        }
    }

    public void Write(Region r)
    {
        Write(r.Lower);
        Write(r.Upper);
        foreach (var weights in r.Weights)
        {
            w.Write(weights is not null);
            if (weights is not null) Write(weights);
        }
    }

    public void Write(TrialLaunch l)
    {
        w.Write(l.Number);
        Write(l.Hyperparameters);
        Write(l.Point);
        w.Write(l.Seed);
        w.Write((int)l.Kind);
        WriteNullable(l.RetestOf);
        w.Write(l.Generation);
        w.Write(l.SplitSeed);
    }

    public void Write(RecordedRound r)
    {
        var m = r.Report;
        w.Write(m.Round);
        w.Write(m.Epochs);
        w.Write(m.TrainLoss);
        w.Write(m.ValidationLoss);
        w.Write(m.ValidationAccuracy);
        w.Write(m.LearningRate);
        w.Write(r.Score);
        w.Write(r.BaseLearningRate);
        Write(r.Hyperparameters);
        w.Write(r.Decision);
    }

    public void Write(Decision d)
    {
        switch (d)
        {
            case Decision.Continue: w.Write((byte)0); break;
            case Decision.Wait: w.Write((byte)1); break;
            case Decision.Stop s: w.Write((byte)2); w.Write(s.Reason); break;
            case Decision.Exploit e: w.Write((byte)3); w.Write(e.SourceTrial); w.Write(e.SourceRound); Write(e.Hyperparameters); break;
            case Decision.Rollback r: w.Write((byte)4); w.Write(r.LearningRate); w.Write(r.Reason); break;
            case Decision.SetLearningRate l: w.Write((byte)5); w.Write(l.LearningRate); w.Write(l.Reason); break;
            default: throw new InvalidOperationException($"no snapshot form for decision {d.GetType().Name}");
        }
    }

    public void Write(RoundResult r, StopDecision d)
    {
        w.Write(r.Trial);
        w.Write(r.Round);
        w.Write(r.Score);
        w.Write(r.TrainLoss);
        w.Write(r.LearningRate);
        w.Write(d is StopDecision.Stop);
        if (d is StopDecision.Stop s) w.Write(s.Reason);
    }
}

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote, in the same order.</summary>
internal sealed class SnapshotReader(BinaryReader r)
{
    private readonly List<Configuration> _configurations = [];

    public int ReadInt() => r.ReadInt32();
    public long ReadLong() => r.ReadInt64();
    public bool ReadBool() => r.ReadBoolean();
    public double ReadDouble() => r.ReadDouble();
    public ulong ReadULong() => r.ReadUInt64();
    public string ReadString() => r.ReadString();
    public string? ReadNullableString() => r.ReadBoolean() ? r.ReadString() : null;
    public int? ReadNullableInt() => r.ReadBoolean() ? r.ReadInt32() : null;

    public double[] ReadDoubles()
    {
        var xs = new double[Count()];
        for (var i = 0; i < xs.Length; i++) xs[i] = r.ReadDouble();
        return xs;
    }

    public List<int> ReadInts()
    {
        var n = Count();
        var xs = new List<int>(n);
        for (var i = 0; i < n; i++) xs.Add(r.ReadInt32());
        return xs;
    }

    public Configuration ReadConfiguration()
    {
        var id = r.ReadInt32();
        if (id < _configurations.Count) return _configurations[id];
        if (id != _configurations.Count) throw new InvalidDataException($"configuration {id} referred to before it was written");
        var entries = new KeyValuePair<string, ParameterValue>[Count()];
        for (var i = 0; i < entries.Length; i++)
        {
            var name = r.ReadString();
            entries[i] = new(name, r.ReadBoolean() ? r.ReadString() : r.ReadDouble());
        }
        var c = new Configuration(entries);
        _configurations.Add(c);
        return c;
    }

    public Region ReadRegion()
    {
        var lower = ReadDoubles();
        var upper = ReadDoubles();
        var weights = new double[]?[lower.Length];
        for (var d = 0; d < weights.Length; d++) weights[d] = r.ReadBoolean() ? ReadDoubles() : null;
        return new Region(lower, upper, weights);
    }

    public TrialLaunch ReadLaunch() => new(
        Number: r.ReadInt32(),
        Hyperparameters: ReadConfiguration(),
        Point: ReadDoubles(),
        Seed: r.ReadUInt64(),
        Kind: (TrialKind)r.ReadInt32(),
        RetestOf: ReadNullableInt(),
        Generation: r.ReadInt32(),
        SplitSeed: r.ReadInt32());

    public RecordedRound ReadRound()
    {
        var report = new RoundReport(r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        return new RecordedRound(report, r.ReadDouble(), r.ReadDouble(), ReadConfiguration(), r.ReadString());
    }

    public Decision ReadDecision() => r.ReadByte() switch
    {
        0 => Decision.Continuing,
        1 => Decision.Waiting,
        2 => new Decision.Stop(r.ReadString()),
        3 => new Decision.Exploit(r.ReadInt32(), r.ReadInt32(), ReadConfiguration()),
        4 => new Decision.Rollback(r.ReadDouble(), r.ReadString()),
        5 => new Decision.SetLearningRate(r.ReadDouble(), r.ReadString()),
        var tag => throw new InvalidDataException($"unknown decision tag {tag}"),
    };

    public (RoundResult Result, StopDecision Decision) ReadStopping()
    {
        var result = new RoundResult(r.ReadInt32(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        StopDecision decision = r.ReadBoolean() ? new StopDecision.Stop(r.ReadString()) : new StopDecision.Continue();
        return (result, decision);
    }

    // A corrupt count would otherwise allocate gigabytes before failing.
    public int Count()
    {
        var n = r.ReadInt32();
        if (n < 0 || n > r.BaseStream.Length) throw new InvalidDataException($"a count of {n} in a snapshot of {r.BaseStream.Length} bytes");
        return n;
    }
}
