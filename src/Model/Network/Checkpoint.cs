using System.Runtime.InteropServices;

namespace Orleans.Tuning.Model.Network;

/// <summary>Everything needed to resume training bit for bit: weights, optimizer moments, batch-norm running statistics, RNG state, epoch.</summary>
/// <remarks>A value: the arrays are copies, so the network can keep training after one is taken.</remarks>
public sealed record Checkpoint(
    NetworkConfig Network,
    int Epoch,
    long Steps,
    ulong[] RngState,
    float[][] Values,
    float[][] FirstMoments,
    float[][] SecondMoments,
    float[][] RunningStatistics)
{
    private const int FormatVersion = 1;

    public static Checkpoint Of(Network network, int epoch, long steps, ulong[] rngState) => new(
        network.Config,
        epoch,
        steps,
        [.. rngState],
        [.. network.Parameters.Select(p => p.Value.ToArray())],
        [.. network.Parameters.Select(p => p.FirstMoment.ToArray())],
        [.. network.Parameters.Select(p => p.SecondMoment.ToArray())],
        [.. network.RunningStatistics.Select(s => s.ToArray())]);

    internal void CopyInto(Network network)
    {
        var parameters = network.Parameters;
        if (parameters.Count != Values.Length) throw new InvalidDataException("checkpoint does not match the network's parameters");
        for (var i = 0; i < parameters.Count; i++)
        {
            Copy(Values[i], parameters[i].Value, parameters[i].Name);
            Copy(FirstMoments[i], parameters[i].FirstMoment, parameters[i].Name);
            Copy(SecondMoments[i], parameters[i].SecondMoment, parameters[i].Name);
        }
        var stats = network.RunningStatistics.ToArray();
        if (stats.Length != RunningStatistics.Length) throw new InvalidDataException("checkpoint does not match the network's batch-norm layers");
        for (var i = 0; i < stats.Length; i++) Copy(RunningStatistics[i], stats[i], "batch-norm statistics");
    }

    /// <summary>A compact binary form for grain state: a float array as JSON would be several times larger.</summary>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream))
        {
            w.Write(FormatVersion);
            w.Write(Network.Inputs);
            w.Write(Network.HiddenLayers);
            w.Write(Network.HiddenUnits);
            w.Write(Network.Classes);
            w.Write(Network.BatchNormMomentum);
            w.Write(Network.BatchNormEpsilon);
            w.Write(Epoch);
            w.Write(Steps);
            foreach (var s in RngState) w.Write(s);
            foreach (var group in new[] { Values, FirstMoments, SecondMoments, RunningStatistics })
            {
                w.Write(group.Length);
                foreach (var array in group)
                {
                    w.Write(array.Length);
                    w.Write(MemoryMarshal.AsBytes(array.AsSpan())); // little-endian floats, in one copy
                }
            }
        }
        return stream.ToArray();
    }

    public static Checkpoint FromBytes(byte[] bytes)
    {
        try
        {
            return Read(bytes);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException("checkpoint is truncated");
        }
    }

    private static Checkpoint Read(byte[] bytes)
    {
        using var r = new BinaryReader(new MemoryStream(bytes));
        var version = r.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"checkpoint format {version} is not supported (expected {FormatVersion})");
        var network = new NetworkConfig(r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadSingle(), r.ReadSingle());
        var epoch = r.ReadInt32();
        var steps = r.ReadInt64();
        ulong[] rng = [r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64(), r.ReadUInt64()];
        float[][] ReadGroup()
        {
            var group = new float[r.ReadInt32()][];
            for (var i = 0; i < group.Length; i++)
            {
                var array = new float[r.ReadInt32()];
                var bytes = MemoryMarshal.AsBytes(array.AsSpan());
                if (r.Read(bytes) != bytes.Length) throw new InvalidDataException("checkpoint is truncated");
                group[i] = array;
            }
            return group;
        }
        return new Checkpoint(network, epoch, steps, rng, ReadGroup(), ReadGroup(), ReadGroup(), ReadGroup());
    }

    private static void Copy(float[] from, float[] to, string name)
    {
        if (from.Length != to.Length) throw new InvalidDataException($"checkpoint {name} has {from.Length} values, the network {to.Length}");
        Array.Copy(from, to, from.Length);
    }
}
