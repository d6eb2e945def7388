using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Bench.Training;

/// <summary>A fixed training workload; the shapes match ../shared/peers so figures compare as ratios.</summary>
internal sealed record Workload(string Name, int Features, int Hidden, int Layers, int Classes, int Samples, int Batch, int Epochs)
{
    public static readonly IReadOnlyDictionary<string, Workload> All = new[]
    {
        new Workload("tiny", 64, 64, 2, 10, 20000, 64, 50),
        new Workload("mnist-like", 784, 256, 2, 10, 20000, 128, 10),
        new Workload("wide", 784, 1024, 3, 10, 10000, 256, 4),
    }.ToDictionary(w => w.Name);

    public NetworkConfig Network => new(Features, Layers, Hidden, Classes);

    public Trainer NewTrainer(Dataset data) => new(Network, TrainingConfig.Default with { BatchSize = Batch }, data, seed: 42);

    /// <summary>Floating-point operations of the matrix products in one training step, per sample.</summary>
    /// <remarks>Forward: every layer's product; backward: every layer's weight gradient and every input gradient but the first layer's.</remarks>
    public double FlopsPerSample
    {
        get
        {
            double forward = (double)Features * Hidden + (Layers - 1.0) * Hidden * Hidden + (double)Hidden * Classes;
            return 2 * (3 * forward - (double)Features * Hidden);
        }
    }

    // X ~ N(0, 1), labels from a seeded random linear teacher, like the peers' workload (our own generator).
    public Dataset Data(int? samples = null)
    {
        var (n, d, c) = (samples ?? Samples, Features, Classes);
        var rng = new Rng(42);
        var x = new float[n * d];
        for (var i = 0; i < x.Length; i++) x[i] = (float)rng.NextGaussian();
        var teacher = new float[d * c];
        for (var i = 0; i < teacher.Length; i++) teacher[i] = (float)((rng.NextDouble() * 2 - 1) / Math.Sqrt(d));
        var y = new int[n];
        var logits = new double[c];
        for (var s = 0; s < n; s++)
        {
            Array.Clear(logits);
            for (var k = 0; k < d; k++)
                for (var j = 0; j < c; j++) logits[j] += x[s * d + k] * teacher[k * c + j];
            var best = 0;
            for (var j = 0; j < c; j++)
            {
                logits[j] += 0.5 * (rng.NextDouble() - 0.5);
                if (logits[j] > logits[best]) best = j;
            }
            y[s] = best;
        }
        return new Dataset(x, y, d, c, "synthetic");
    }
}
