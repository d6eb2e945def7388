using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.LinearAlgebra;

namespace Orleans.Tuning.Bench.Training;

internal static class Measure
{
    /// <summary>GFLOP/s of a large square sgemm on one thread: the most this machine's OpenBLAS does per core.</summary>
    public static double SgemmPeak(int n = 2048, int repeats = 5)
    {
        var a = Matrix<float>.Build.Random(n, n, 1);
        var b = Matrix<float>.Build.Random(n, n, 2);
        var c = Matrix<float>.Build.Dense(n, n);
        Gemm.Multiply(a, false, b, false, c);
        var rates = new List<double>();
        for (var r = 0; r < repeats; r++)
        {
            var sw = Stopwatch.StartNew();
            Gemm.Multiply(a, false, b, false, c);
            rates.Add(2.0 * n * n * n / sw.Elapsed.TotalSeconds / 1e9);
        }
        return Median(rates);
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

    /// <summary>Median samples/s of a trainer alone and with one lent core (a helper thread in its crew), alternating, after a warm-up.</summary>
    public static (double OneCore, double TwoCores) Lone(Workload w, int runs)
    {
        var data = w.Data();
        var trainer = w.NewTrainer(data);
        var clock = Stopwatch.StartNew();
        do trainer.TrainEpoch(); while (clock.Elapsed.TotalSeconds < 8);
        var (one, two) = (new List<double>(), new List<double>());
        for (var r = 0; r < runs; r++)
        {
            one.Add(Epochs(trainer, w, helpers: 0));
            two.Add(Epochs(trainer, w, helpers: 1));
        }
        return (Median(one), Median(two));
    }

    private static double Epochs(Model.Network.Trainer trainer, Workload w, int helpers)
    {
        using var crew = Crew.Lead();
        var stop = false;
        var threads = Enumerable.Range(0, helpers).Select(_ => new Thread(() => crew.Crew.Help(() => Volatile.Read(ref stop)))).ToList();
        threads.ForEach(t => t.Start());
        while (crew.Crew.Size < 1 + helpers) Thread.Yield();
        var rates = new List<double>();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var helped = crew.Crew.PartsByHelpers;
        for (var e = 0; e < w.Epochs; e++)
        {
            var sw = Stopwatch.StartNew();
            trainer.TrainEpoch();
            rates.Add(w.Samples / sw.Elapsed.TotalSeconds);
        }
        // Cores this process got meanwhile: on a shared machine a second thread may get far less than a core.
        var cores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall.Elapsed.TotalSeconds;
        Console.WriteLine($"  {1 + helpers} core(s): {Median(rates):F0} samples/s, {cores:F2} cores of CPU used, {crew.Crew.PartsByHelpers - helped} parts run by the lent core");
        Volatile.Write(ref stop, true);
        crew.Crew.Wake();
        threads.ForEach(t => t.Join());
        return Median(rates);
    }

    public static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
