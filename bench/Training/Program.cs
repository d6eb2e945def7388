// Training throughput on fixed workloads, float32: samples per second, GFLOP/s and the fraction of this
// machine's single-thread SGEMM peak; cold figures of a fresh process; a lone trial on one core and on two.
//
// Usage: bench-training [WORKLOAD...]          steady state on one core (after WARMUP_SECONDS, default 8), with the peak
//        bench-training peak                   the single-thread SGEMM peak alone
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
        Console.WriteLine(string.Create(inv, $"sgemm_peak_gflops={Measure.SgemmPeak():F1}"));
        return 0;
    case "cold" when args.Length == 2 && Workload.All.TryGetValue(args[1], out var cold):
        var (first, firstFive) = Measure.Cold(cold);
        Console.WriteLine(string.Create(inv, $"{cold.Name} cold_first_1s={first:F0} cold_first_5s={firstFive:F0}"));
        return 0;
    case "gemm2" when args.Length >= 2 && Workload.All.TryGetValue(args[1], out var g2):
        for (var r = 0; r < 3; r++)
        {
            var solo = Measure.GemmOnly(g2, 1);
            using var crew = Crew.Lead();
            var stop = false;
            var t = new Thread(() => crew.Crew.Help(() => Volatile.Read(ref stop)));
            t.Start();
            while (crew.Crew.Size < 2) Thread.Yield();
            var pair = Measure.GemmOnly(g2, 1);
            Volatile.Write(ref stop, true); crew.Crew.Wake(); t.Join();
            Console.WriteLine($"gemm-only {g2.Name}: 1 core {solo:F1} GFLOP/s, 2 cores {pair:F1}");
        }
        return 0;
    case "profile" when args.Length >= 2 && Workload.All.TryGetValue(args[1], out var pw):
    {
        var data = pw.Data(pw.Batch * 4);
        var trainer = pw.NewTrainer(data);
        var sw0 = Stopwatch.StartNew();
        do trainer.TrainEpoch(); while (sw0.Elapsed.TotalSeconds < 5);
        foreach (var p in trainer.Network.Parameters)
        {
            static int Sub(float[] a) => a.Count(v => v != 0 && float.IsSubnormal(v));
            Console.WriteLine($"{p.Name}: {p.Length} values, subnormal: w {Sub(p.Value)} g {Sub(p.Gradient)} m {Sub(p.FirstMoment)} v {Sub(p.SecondMoment)} g²-subnormal {p.Gradient.Count(g => g != 0 && float.IsSubnormal(0.001f * g * g))} g=0 {p.Gradient.Count(g => g == 0)} m-tiny {p.FirstMoment.Count(m => m != 0 && float.IsSubnormal(1e-3f * m))}");
        }
        var x = MathNet.Numerics.LinearAlgebra.Matrix<float>.Build.Random(pw.Features, pw.Batch, 3);
        var y = new int[pw.Batch];
        using var crew = Crew.Lead();
        var stop = false;
        if (Environment.GetEnvironmentVariable("HELP") == "1")
        {
            new Thread(() => crew.Crew.Help(() => Volatile.Read(ref stop))).Start();
            while (crew.Crew.Size < 2) Thread.Yield();
        }
        var adamState = trainer.Network.Parameters.ToArray();
        var total = adamState.Sum(p => p.Length);
        var adamOpt = new Orleans.Tuning.Model.Network.Optimizers.Adam();
        for (var r = 0; r < 3; r++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 300; i++) trainer.Network.Forward(x, y, true);
            var fwd = sw.Elapsed.TotalMilliseconds / 300;
            sw.Restart();
            for (var i = 0; i < 300; i++) trainer.Network.TrainStep(x, y);
            var step = sw.Elapsed.TotalMilliseconds / 300;
            sw.Restart();
            for (var i = 0; i < 300; i++)
                Crew.Run(Crew.PartsFor(total, 1 << 14), adamState, (st, part, parts) =>
                {
                    var (from, to) = Crew.Slice(total, 16, part, parts);
                    var start = 0;
                    foreach (var p in (Orleans.Tuning.Model.Network.Parameter[])st)
                    {
                        var (a, b) = (Math.Max(from, start), Math.Min(to, start + p.Length));
                        if (a < b) adamOpt.Update(p, 1e-3f, 10, a - start, b - start);
                        start += p.Length;
                    }
                });
            var adam = sw.Elapsed.TotalMilliseconds / 300;
            sw.Restart();
            for (var i = 0; i < 100; i++) trainer.TrainEpoch();
            var epoch = sw.Elapsed.TotalMilliseconds / 100 / 4;
            Console.WriteLine($"crew {crew.Crew.Size}, per batch: forward {fwd:F3} ms, train step {step:F3} ms, adam {adam:F3} ms, whole {epoch:F3} ms");
        }
        Volatile.Write(ref stop, true); crew.Crew.Wake();
        return 0;
    }
    case "lone" when args.Length >= 2 && Workload.All.TryGetValue(args[1], out var lone):
        var runs = args.Length > 2 ? int.Parse(args[2], inv) : 3;
        var (one, two) = Measure.Lone(lone, runs);
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
