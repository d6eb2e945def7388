using Orleans.Tuning.Model.Scheduling;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Studies;

/// <summary>How the engine's values are laid out in a snapshot: plain binary, doubles bit for bit.</summary>
/// <remarks>
/// Bit-exact doubles matter: a restored engine must decide exactly as the one that wrote the snapshot, and a
/// decimal round trip of a NaN payload or a last-digit difference in a score could tip a ranking.
/// A trial's rounds mostly share one configuration object, and names and decisions repeat across trials, so
/// configurations and strings are written once and referred to by number after that; integers take the bytes they need.
/// </remarks>
internal sealed class SnapshotWriter(BinaryWriter w)
{
    private readonly Dictionary<Configuration, int> _configurations = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _strings = [];

    public void Write(int x) => w.Write7BitEncodedInt(x);
    public void Write(long x) => w.Write(x);
    public void Write(bool x) => w.Write(x);
    public void Write(double x) => w.Write(x);
    public void Write(ulong x) => w.Write(x);
    public void Write(string x)
    {
        if (_strings.TryGetValue(x, out var known))
        {
            Write(known);
            return;
        }
        Write(_strings.Count);
        _strings[x] = _strings.Count;
        w.Write(x);
    }

    public void WriteNullable(string? x)
    {
        w.Write(x is not null);
        if (x is not null) Write(x);
    }

    public void WriteNullable(int? x)
    {
        w.Write(x.HasValue);
        if (x.HasValue) Write(x.Value);
    }

    public void Write(double[] xs)
    {
        Write(xs.Length);
        foreach (var x in xs) w.Write(x);
    }

    public void Write(IReadOnlyCollection<int> xs)
    {
        Write(xs.Count);
        foreach (var x in xs) Write(x);
    }

    public void Write(Configuration c)
    {
        if (_configurations.TryGetValue(c, out var known))
        {
            Write(known);
            return;
        }
        Write(_configurations.Count);
        _configurations[c] = _configurations.Count;
        Write(c.Entries.Count);
        foreach (var (name, value) in c.Entries)
        {
            Write(name);
            w.Write(value.IsChoice);
            if (value.IsChoice) Write(value.Choice);
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
        Write(l.Number);
        Write(l.Hyperparameters);
        Write(l.Point);
        w.Write(l.Seed);
        Write((int)l.Kind);
        WriteNullable(l.RetestOf);
        Write(l.Generation);
        w.Write(l.SplitSeed);
    }

    public void Write(RecordedRound r)
    {
        var m = r.Report;
        Write(m.Round);
        Write(m.Epochs);
        w.Write(m.TrainLoss);
        w.Write(m.ValidationLoss);
        w.Write(m.ValidationAccuracy);
        w.Write(m.LearningRate);
        w.Write(m.Seconds);
        w.Write(m.SecondValue.HasValue);
        if (m.SecondValue is { } second) w.Write(second);
        w.Write(r.Score);
        w.Write(r.BaseLearningRate);
        Write(r.Hyperparameters);
        Write(r.Decision);
    }

    public void Write(Decision d)
    {
        switch (d)
        {
            case Decision.Continue: w.Write((byte)0); break;
            case Decision.Wait: w.Write((byte)1); break;
            case Decision.Stop s: w.Write((byte)2); Write(s.Reason); break;
            case Decision.Exploit e: w.Write((byte)3); Write(e.SourceTrial); Write(e.SourceRound); Write(e.Hyperparameters); break;
            case Decision.Rollback r: w.Write((byte)4); w.Write(r.LearningRate); Write(r.Reason); break;
            case Decision.SetLearningRate l: w.Write((byte)5); w.Write(l.LearningRate); Write(l.Reason); break;
            default: throw new InvalidOperationException($"no snapshot form for decision {d.GetType().Name}");
        }
    }

    public void Write(RoundResult r, StopDecision d)
    {
        Write(r.Trial);
        Write(r.Round);
        w.Write(r.Score);
        w.Write(r.TrainLoss);
        w.Write(r.LearningRate);
        w.Write(d is StopDecision.Stop);
        if (d is StopDecision.Stop s) Write(s.Reason);
    }
}

/// <summary>Reads what <see cref="SnapshotWriter"/> wrote, in the same order.</summary>
internal sealed class SnapshotReader(BinaryReader r)
{
    private readonly List<Configuration> _configurations = [];
    private readonly List<string> _strings = [];

    public int ReadInt() => r.Read7BitEncodedInt();
    public long ReadLong() => r.ReadInt64();
    public bool ReadBool() => r.ReadBoolean();
    public double ReadDouble() => r.ReadDouble();
    public ulong ReadULong() => r.ReadUInt64();
    public string ReadString()
    {
        var id = ReadInt();
        if (id < _strings.Count) return _strings[id];
        if (id != _strings.Count) throw new InvalidDataException($"string {id} referred to before it was written");
        var x = r.ReadString();
        _strings.Add(x);
        return x;
    }

    public string? ReadNullableString() => r.ReadBoolean() ? ReadString() : null;
    public int? ReadNullableInt() => r.ReadBoolean() ? ReadInt() : null;

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
        for (var i = 0; i < n; i++) xs.Add(ReadInt());
        return xs;
    }

    public Configuration ReadConfiguration()
    {
        var id = ReadInt();
        if (id < _configurations.Count) return _configurations[id];
        if (id != _configurations.Count) throw new InvalidDataException($"configuration {id} referred to before it was written");
        var entries = new KeyValuePair<string, ParameterValue>[Count()];
        for (var i = 0; i < entries.Length; i++)
        {
            var name = ReadString();
            entries[i] = new(name, r.ReadBoolean() ? ReadString() : r.ReadDouble());
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
        Number: ReadInt(),
        Hyperparameters: ReadConfiguration(),
        Point: ReadDoubles(),
        Seed: r.ReadUInt64(),
        Kind: (TrialKind)ReadInt(),
        RetestOf: ReadNullableInt(),
        Generation: ReadInt(),
        SplitSeed: r.ReadInt32());

    public RecordedRound ReadRound()
    {
        var report = new RoundReport(ReadInt(), ReadInt(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(),
            Seconds: r.ReadDouble(), SecondValue: r.ReadBoolean() ? r.ReadDouble() : null);
        return new RecordedRound(report, r.ReadDouble(), r.ReadDouble(), ReadConfiguration(), ReadString());
    }

    public Decision ReadDecision() => r.ReadByte() switch
    {
        0 => Decision.Continuing,
        1 => Decision.Waiting,
        2 => new Decision.Stop(ReadString()),
        3 => new Decision.Exploit(ReadInt(), ReadInt(), ReadConfiguration()),
        4 => new Decision.Rollback(r.ReadDouble(), ReadString()),
        5 => new Decision.SetLearningRate(r.ReadDouble(), ReadString()),
        var tag => throw new InvalidDataException($"unknown decision tag {tag}"),
    };

    public (RoundResult Result, StopDecision Decision) ReadStopping()
    {
        var result = new RoundResult(ReadInt(), ReadInt(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
        StopDecision decision = r.ReadBoolean() ? new StopDecision.Stop(ReadString()) : new StopDecision.Continue();
        return (result, decision);
    }

    // A corrupt count would otherwise allocate gigabytes before failing.
    public int Count()
    {
        var n = ReadInt();
        if (n < 0 || n > r.BaseStream.Length) throw new InvalidDataException($"a count of {n} in a snapshot of {r.BaseStream.Length} bytes");
        return n;
    }
}
