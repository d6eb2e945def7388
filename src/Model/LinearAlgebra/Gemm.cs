using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Orleans.Tuning.Model.LinearAlgebra;

/// <summary>Matrix products for training: OpenBLAS when the machine has it, MathNet's managed provider otherwise.</summary>
/// <remarks>
/// OpenBLAS runs one thread per call. A large product is cut into blocks of rows or columns of C,
/// one single-threaded sgemm each, which the round's <see cref="Crew"/> shares out among its cores:
/// OpenBLAS's own threading is process-wide (rounds of other trials share the process) and its
/// threads spin on cores that other rounds may need. OpenBLAS's blocking, and so its rounding,
/// depends on the extent of the product it is given, so the blocks are chosen from the shape and the
/// machine alone, never from the cores a round holds: a trial computes the same numbers alone as on
/// lent cores (OpenBLAS picks its kernels by CPU, so numbers already differ from one machine to another).
/// For beta = 0 we clear C ourselves and pass beta = 1: OpenBLAS's own beta = 0 pass over C is a scalar loop
/// (6 % of a mnist-like step on one core), a vectorised clear is several times faster, and the kernel then adds
/// the product to exact zeros, so every number is the one beta = 0 gives (checked bit for bit on every shape we train).
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>Multiply-adds a block must hold for a split to pay for handing it to another core (measured: see docs/benchmarks.md).</summary>
    public const long MinimumPerBlock = 1 << 20;

    /// <summary>Most blocks a product is cut into: as many cores as a lone round can use, up to four.</summary>
    public static readonly int MaximumBlocks = Math.Clamp(Environment.ProcessorCount, 1, 4);

    [ThreadStatic] private static Split? t_split;

    /// <summary>Which provider multiplies matrices in this process, for the start-up message.</summary>
    public static string Provider => OpenBlas.IsAvailable
        ? $"OpenBLAS ({OpenBlas.CoreName ?? "unknown core"}, 1 thread per call)"
        : $"MathNet managed ({LinearAlgebraControl.Provider}); install libopenblas0 for the fast path";

    public static bool IsNative => OpenBlas.IsAvailable;

    /// <summary>c = op(a)·op(b) + beta·c, where op transposes when asked. No allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(Matrix<float> a, bool transA, Matrix<float> b, bool transB, Matrix<float> c, float beta = 0f)
    {
        var m = transA ? a.ColumnCount : a.RowCount;
        var k = transA ? a.RowCount : a.ColumnCount;
        var n = transB ? b.RowCount : b.ColumnCount;
        var kb = transB ? b.ColumnCount : b.RowCount;
        if (k != kb || c.RowCount != m || c.ColumnCount != n)
            throw new ArgumentException($"Shapes do not multiply: {m}x{k} · {kb}x{n} into {c.RowCount}x{c.ColumnCount}.");

        var ad = a.AsColumnMajorArray() ?? throw new ArgumentException("Dense matrices only.", nameof(a));
        var bd = b.AsColumnMajorArray() ?? throw new ArgumentException("Dense matrices only.", nameof(b));
        var cd = c.AsColumnMajorArray() ?? throw new ArgumentException("Dense matrices only.", nameof(c));

        if (!OpenBlas.IsAvailable)
        {
            LinearAlgebraControl.Provider.MatrixMultiplyWithUpdate(
                transA ? Transpose.Transpose : Transpose.DontTranspose,
                transB ? Transpose.Transpose : Transpose.DontTranspose,
                1f, ad, a.RowCount, a.ColumnCount, bd, b.RowCount, b.ColumnCount, beta, cd);
            return;
        }

        var blocks = (int)Math.Clamp((long)m * n * k / MinimumPerBlock, 1, MaximumBlocks);
        fixed (float* pa = ad, pb = bd, pc = cd)
        {
            if (blocks == 1)
            {
                if (beta == 0f) cd.AsSpan(0, m * n).Clear();
                OpenBlas.Gemm(transA, transB, m, n, k, 1f, pa, a.RowCount, pb, b.RowCount, beta == 0f ? 1f : beta, pc, c.RowCount);
                return;
            }
            var split = t_split ??= new Split();
            split.Set(transA, transB, m, n, k, pa, a.RowCount, pb, b.RowCount, beta, pc, c.RowCount);
            Crew.Run(blocks, split, static (s, part, parts) => ((Split)s).Block(part, parts));
        }
    }

    // One product being computed in blocks; pointers stay valid because the leader holds them pinned until every block is done.
    private sealed class Split
    {
        private bool _transA, _transB, _byColumns;
        private int _m, _n, _k, _lda, _ldb, _ldc;
        private float* _a, _b, _c;
        private float _beta;

        public void Set(bool transA, bool transB, int m, int n, int k, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
        {
            (_transA, _transB, _m, _n, _k, _lda, _ldb, _beta, _ldc) = (transA, transB, m, n, k, lda, ldb, beta, ldc);
            _a = a;
            _b = b;
            _c = c;
            // Each block packs the operand it does not split whole: split the side that keeps the copied one smaller.
            _byColumns = m <= n;
        }

        private float Beta => _beta == 0f ? 1f : _beta; // C's block was cleared: see Multiply

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Block(int part, int parts)
        {
            if (_byColumns)
            {
                // Whole groups of four columns (OpenBLAS's micro-kernel width).
                var (from, to) = Crew.Slice(_n, 4, part, parts);
                if (from == to) return;
                var b = _transB ? _b + from : _b + (long)from * _ldb;
                var c = _c + (long)from * _ldc;
                if (_beta == 0f) new Span<float>(c, (to - from) * _ldc).Clear();
                OpenBlas.Gemm(_transA, _transB, _m, to - from, _k, 1f, _a, _lda, b, _ldb, Beta, c, _ldc);
            }
            else
            {
                // Whole 64-byte lines of each column of C, so two cores never write one cache line.
                var (from, to) = Crew.Slice(_m, 16, part, parts);
                if (from == to) return;
                var a = _transA ? _a + (long)from * _lda : _a + from;
                if (_beta == 0f)
                    for (var j = 0; j < _n; j++) new Span<float>(_c + (long)j * _ldc + from, to - from).Clear();
                OpenBlas.Gemm(_transA, _transB, to - from, _n, _k, 1f, a, _lda, _b, _ldb, Beta, _c + from, _ldc);
            }
        }
    }
}
