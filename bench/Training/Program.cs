// Training throughput on fixed workloads, one core, float32: samples per second per epoch.
// The workloads match ../shared/peers (tiny, mnist-like, wide) so figures compare as ratios.
using System.Diagnostics;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.LinearAlgebra;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Randomness;

var workloads = new Dictionary<string, (int Features, int Hidden, int Layers, int Classes, int Samples, int Batch, int Epochs)>
{
    ["tiny"] = (64, 64, 2, 10, 20000, 64, 50),
    ["mnist-like"] = (784, 256, 2, 10, 20000, 128, 10),
    ["wide"] = (784, 1024, 3, 10, 10000, 256, 4),
};

var names = args.Length > 0 ? args : ["tiny", "mnist-like"];
var WarmUp = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("WARMUP_SECONDS") ?? "8", System.Globalization.CultureInfo.InvariantCulture));
Console.WriteLine($"provider: {Gemm.Provider}");
foreach (var name in names)
{
    if (!workloads.TryGetValue(name, out var w))
    {
        Console.Error.WriteLine($"unknown workload '{name}' (expected {string.Join(", ", workloads.Keys)})");
        return 2;
    }
    var data = Synthetic(w.Samples, w.Features, w.Classes, seed: 42);
    var trainer = new Trainer(new NetworkConfig(w.Features, w.Layers, w.Hidden, w.Classes), TrainingConfig.Default with { BatchSize = w.Batch }, data, seed: 42);
    // Warm-up, not timed: buffers, and the JIT's tiering, which on one pinned core takes a few
    // seconds to reach optimized code (eight are allowed). A silo trains for far longer: we measure that steady state.
    var warmUp = Stopwatch.StartNew();
    do trainer.TrainEpoch(); while (warmUp.Elapsed < WarmUp);
    var perEpoch = new List<double>();
    Evaluation last = default;
    var gcBefore = GC.GetAllocatedBytesForCurrentThread();
    for (var e = 0; e < w.Epochs; e++)
    {
        var sw = Stopwatch.StartNew();
        last = trainer.TrainEpoch();
        perEpoch.Add(w.Samples / sw.Elapsed.TotalSeconds);
    }
    var allocated = GC.GetAllocatedBytesForCurrentThread() - gcBefore;
    perEpoch.Sort();
    var median = perEpoch[perEpoch.Count / 2];
    var eval = trainer.Network.Evaluate(data);
    Console.WriteLine($"{name}: d={w.Features} h={w.Hidden} L={w.Layers} c={w.Classes} n={w.Samples} B={w.Batch} E={w.Epochs} " +
                      $"train_loss={last.Loss:F4} eval_acc={eval.Accuracy:F4} alloc_per_batch={allocated / (w.Epochs * (double)(w.Samples / w.Batch)):F0}B");
    Console.WriteLine($"{name} samples_per_sec={median:F1}");
}
return 0;

// X ~ N(0, 1), labels from a seeded random linear teacher, like the peers' workload (our own generator).
static Dataset Synthetic(int n, int d, int c, ulong seed)
{
    var rng = new Rng(seed);
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
