// Training throughput on fixed workloads, float32: samples per second, GFLOP/s and the fraction of this
// machine's single-thread SGEMM peak; cold figures of a fresh process; a lone trial on one core and on two.
//
// Usage: bench-training [WORKLOAD...]          steady state on one core (after WARMUP_SECONDS, default 8), with the peak
//        bench-training peak                   the single-thread SGEMM peak alone, and all cores each on its own sgemm at once
//        bench-training cold WORKLOAD          samples/s over the first second and the first 5 s of this process
//        bench-training lone WORKLOAD [RUNS]   steady state of one trainer alone and with one lent core, alternating
using System.Diagnostics;
using System.Globalization;
using Orleans.Tuning.Bench.Training;
using Orleans.Tuning.Model.LinearAlgebra;

var inv = CultureInfo.InvariantCulture;
var mode = args.FirstOrDefault() ?? "tiny";
Console.WriteLine($"provider: {Gemm.Provider}; {Environment.ProcessorCount} cores; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
switch (mode)
{
    case "peak":
        var single = Measure.SgemmPeak();
        Console.WriteLine(string.Create(inv, $"sgemm_peak_gflops={single:F1}"));
        if (Environment.ProcessorCount > 1)
        {
            // Outside any crew each thread's product is one sgemm on its own core: the machine's ceiling for two-core scaling.
            var all = Measure.SgemmPeakTogether(Environment.ProcessorCount);
            Console.WriteLine(string.Create(inv, $"sgemm_peak_{Environment.ProcessorCount}_threads_gflops={all:F1} scaling={all / single:F2}x"));
        }
        return 0;
    case "cold" when args.Length == 2 && Workload.All.TryGetValue(args[1], out var cold):
        var (first, firstFive) = Measure.Cold(cold);
        Console.WriteLine(string.Create(inv, $"{cold.Name} cold_first_1s={first:F0} cold_first_5s={firstFive:F0}"));
        return 0;
    case "lone" when args.Length >= 2 && Workload.All.TryGetValue(args[1], out var lone):
        var runs = args.Length > 2 ? int.Parse(args[2], inv) : 3;
        var (one, two, _, _) = Measure.Lone(lone, runs);
        Console.WriteLine(string.Create(inv, $"{lone.Name} lone_1_core={one:F0} lone_2_cores={two:F0} ratio={two / one:F2}"));
        return 0;
}

var names = args.Length > 0 ? args : ["tiny", "mnist-like"];
if (names.FirstOrDefault(n => !Workload.All.ContainsKey(n)) is { } unknown)
{
    Console.Error.WriteLine($"unknown workload or mode '{unknown}' (expected peak, cold W, lone W [RUNS], or workloads {string.Join(", ", Workload.All.Keys)})");
    return 2;
}
var peak = Measure.SgemmPeak();
Console.WriteLine(string.Create(inv, $"sgemm_peak_gflops={peak:F1}"));
var warmUp = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("WARMUP_SECONDS") ?? "8", inv));
foreach (var w in names.Select(n => Workload.All[n]))
{
    var data = w.Data();
    var trainer = w.NewTrainer(data);
    // Warm-up, not timed: buffers, and the JIT's tiering (the cold mode measures that part).
    var clock = Stopwatch.StartNew();
    do trainer.TrainEpoch(); while (clock.Elapsed < warmUp);
    var perEpoch = new List<double>();
    Orleans.Tuning.Model.Network.Evaluation last = default;
    var gcBefore = GC.GetAllocatedBytesForCurrentThread();
    for (var e = 0; e < w.Epochs; e++)
    {
        var sw = Stopwatch.StartNew();
        last = trainer.TrainEpoch();
        perEpoch.Add(w.Samples / sw.Elapsed.TotalSeconds);
    }
    var allocated = GC.GetAllocatedBytesForCurrentThread() - gcBefore;
    var median = Measure.Median(perEpoch);
    var eval = trainer.Network.Evaluate(data);
    var gflops = median * w.FlopsPerSample / 1e9;
    var gemmOnly = Measure.GemmOnly(w);
    Console.WriteLine(string.Create(inv, $"{w.Name}: d={w.Features} h={w.Hidden} L={w.Layers} c={w.Classes} n={w.Samples} B={w.Batch} E={w.Epochs} " +
                      $"train_loss={last.Loss:F4} eval_acc={eval.Accuracy:F4} alloc_per_batch={allocated / (w.Epochs * (double)(w.Samples / w.Batch)):F0}B"));
    Console.WriteLine(string.Create(inv, $"{w.Name} gflops={gflops:F1} of_peak={gflops / peak:P1} gemm_only_gflops={gemmOnly:F1} gemm_only_of_peak={gemmOnly / peak:P1}"));
    Console.WriteLine(string.Create(inv, $"{w.Name} samples_per_sec={median:F1}"));
}
return 0;
