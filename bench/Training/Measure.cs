using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.LinearAlgebra;

namespace Orleans.Tuning.Bench.Training;

internal static class Measure
{
    /// <summary>GFLOP/s of a large square sgemm on one thread: the most this machine's OpenBLAS does per core.</summary>
    public static double SgemmPeak(int n = 2048, int repeats = 5) => SgemmPeakTogether(1, n, repeats);

    /// <summary>Total GFLOP/s of <paramref name="threads"/> threads each multiplying its own large square matrices at once:
    /// what the machine's cores give together to compute-bound work (cores sharing a physical core, or a busy host, give less than threads × one).</summary>
    public static double SgemmPeakTogether(int threads, int n = 2048, int repeats = 5)
    {
        var rates = new double[threads][];
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            var a = Matrix<float>.Build.Random(n, n, 1 + t);
            var b = Matrix<float>.Build.Random(n, n, 2 + t);
            var c = Matrix<float>.Build.Dense(n, n);
            Gemm.Multiply(a, false, b, false, c);
            rates[t] = new double[repeats];
            for (var r = 0; r < repeats; r++)
            {
                var sw = Stopwatch.StartNew();
                Gemm.Multiply(a, false, b, false, c);
                rates[t][r] = 2.0 * n * n * n / sw.Elapsed.TotalSeconds / 1e9;
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        return Enumerable.Range(0, repeats).Select(r => rates.Sum(t => t[r])).ToList() is var totals ? Median(totals) : 0;
    }

    /// <summary>GFLOP/s of the matrix products of the workload's training steps alone, same shapes, same order: what OpenBLAS does at these sizes.</summary>
    public static double GemmOnly(Workload w, double seconds = 2)
    {
        var m = (int rows, int columns) => Matrix<float>.Build.Random(rows, columns, rows * 31 + columns);
        var products = new List<(Matrix<float> A, bool TA, Matrix<float> B, bool TB, Matrix<float> C)>();
        var inputs = w.Features;
        for (var l = 0; l <= w.Layers; l++)
        {
            var outputs = l == w.Layers ? w.Classes : w.Hidden;
            var weights = m(outputs, inputs);
            var x = m(inputs, w.Batch);
            var dz = m(outputs, w.Batch);
            products.Add((weights, false, x, false, m(outputs, w.Batch)));       // forward
            products.Add((dz, false, x, true, m(outputs, inputs)));              // weight gradient
            if (l > 0) products.Add((weights, true, dz, false, m(inputs, w.Batch))); // input gradient
            inputs = outputs;
        }
        var steps = 0L;
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed.TotalSeconds < seconds)
        {
            foreach (var p in products) Gemm.Multiply(p.A, p.TA, p.B, p.TB, p.C);
            steps++;
        }
        return steps * w.Batch * w.FlopsPerSample / sw.Elapsed.TotalSeconds / 1e9;
    }

    /// <summary>Samples/s over the first second and over the first five seconds of training in this process.</summary>
    /// <remarks>Epochs of 20 batches, so the clock is read often; a window's rate is the samples of the epochs finished within it over their time.</remarks>
    public static (double FirstSecond, double FirstFive) Cold(Workload w)
    {
        var data = w.Data(samples: w.Batch * 20);
        var clock = Stopwatch.StartNew();
        var trainer = w.NewTrainer(data);
        var (first, five) = (double.NaN, double.NaN);
        long samples = 0;
        var lastRate = 0.0;
        while (clock.Elapsed.TotalSeconds < 5)
        {
            trainer.TrainEpoch();
            var t = clock.Elapsed.TotalSeconds;
            if (t > 1 && double.IsNaN(first)) first = lastRate;
            samples += data.Count;
            lastRate = samples / t;
            if (t <= 5) five = lastRate;
        }
        if (double.IsNaN(first)) first = lastRate;
        return (first, five);
    }

    /// <summary>Median samples/s of a trainer alone and with one lent core (a helper thread in its crew), alternating, after a warm-up;
    /// and the GFLOP/s of the workload's products alone, the same way: how much of the step's scaling the products allow.</summary>
    public static (double OneCore, double TwoCores, double GemmOne, double GemmTwo) Lone(Workload w, int runs)
    {
        var data = w.Data();
        var trainer = w.NewTrainer(data);
        var clock = Stopwatch.StartNew();
        do trainer.TrainEpoch(); while (clock.Elapsed.TotalSeconds < 8);
        var (one, two, gemmOne, gemmTwo) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var r = 0; r < runs; r++)
        {
            one.Add(WithCores(1, () => Epochs(trainer, w)));
            two.Add(WithCores(2, () => Epochs(trainer, w)));
            gemmOne.Add(WithCores(1, () => GemmOnly(w, seconds: 1)));
            gemmTwo.Add(WithCores(2, () => GemmOnly(w, seconds: 1)));
        }
        Console.WriteLine($"  products alone: {Median(gemmOne):F1} GFLOP/s on 1 core, {Median(gemmTwo):F1} on 2 ({Median(gemmTwo) / Median(gemmOne):F2}x)");
        return (Median(one), Median(two), Median(gemmOne), Median(gemmTwo));
    }

    private static double Epochs(Model.Network.Trainer trainer, Workload w)
    {
        var rates = new List<double>();
        for (var e = 0; e < w.Epochs; e++)
        {
            var sw = Stopwatch.StartNew();
            trainer.TrainEpoch();
            rates.Add(w.Samples / sw.Elapsed.TotalSeconds);
        }
        return Median(rates);
    }

    // Runs work in a crew of this thread and cores - 1 helper threads, and says how much CPU it got and how much the helpers did.
    private static double WithCores(int cores, Func<double> work)
    {
        using var crew = Crew.Lead();
        var stop = false;
        var threads = Enumerable.Range(0, cores - 1).Select(_ => new Thread(() => crew.Crew.Help(() => Volatile.Read(ref stop)))).ToList();
        threads.ForEach(t => t.Start());
        while (crew.Crew.Size < cores) Thread.Yield();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var helped = crew.Crew.PartsByHelpers;
        var result = work();
        // Cores this process got meanwhile: on a shared machine a second thread may get far less than a core.
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;
        Console.WriteLine($"  {cores} core(s): {result:F1}, {used:F2} cores of CPU used, {crew.Crew.PartsByHelpers - helped} parts run by the lent core");
        Volatile.Write(ref stop, true);
        crew.Crew.Wake();
        threads.ForEach(t => t.Join());
        return result;
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
