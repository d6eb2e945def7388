using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Orleans.Tuning.Model.Network;

/// <summary>Vectorised element-wise steps of batch norm and ReLU, each fused into one pass over memory.</summary>
/// <remarks>
/// Every kernel works on a block of rows [from, to) of every column of a units × batch column-major
/// matrix (a crew splits batch norm by units); the per-unit vectors (mean, γ, sums...) are indexed by
/// unit. One call covers the whole block, and the loads skip bounds checks (the lengths are checked once
/// on entry): per column the work is a few vectors, so per-call and per-load checks were a large part
/// of it (docs/benchmarks.md, the profile of a mnist-like step). Each element is computed with the same
/// operations in the same order as the plain loops in the tests, so results are bit for bit theirs.
/// </remarks>
internal static class Kernels
{
    private static readonly int Width = Vector<float>.Count;

    /// <summary>sum[u] += z[u, j] over the batch's columns j: the mean's sum, column after column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumColumns(ReadOnlySpan<float> z, Block block, Span<float> sum)
    {
        block.Check(z, sum);
        ref var s = ref MemoryMarshal.GetReference(sum);
        for (var j = 0; j < block.Batch; j++)
        {
            ref var zc = ref Column(z, block, j);
            var i = 0;
            for (; i <= block.Length - Width; i += Width) (Load(ref s, i) + Load(ref zc, i)).StoreUnsafe(ref s, (nuint)i);
            for (; i < block.Length; i++) Unsafe.Add(ref s, i) += Unsafe.Add(ref zc, i);
        }
    }

    /// <summary>sumOfSquares[u] += (z[u, j] − mean[u])² over the columns: the variance's sum, in a second pass for accuracy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SumSquaredDeviations(ReadOnlySpan<float> z, Block block, ReadOnlySpan<float> mean, Span<float> sumOfSquares)
    {
        block.Check(z, sumOfSquares, mean);
        ref var s = ref MemoryMarshal.GetReference(sumOfSquares);
        ref var mu = ref MemoryMarshal.GetReference(mean);
        for (var j = 0; j < block.Batch; j++)
        {
            ref var zc = ref Column(z, block, j);
            var i = 0;
            for (; i <= block.Length - Width; i += Width)
            {
                var d = Load(ref zc, i) - Load(ref mu, i);
                (Load(ref s, i) + d * d).StoreUnsafe(ref s, (nuint)i);
            }
            for (; i < block.Length; i++)
            {
                var d = Unsafe.Add(ref zc, i) - Unsafe.Add(ref mu, i);
                Unsafe.Add(ref s, i) += d * d;
            }
        }
    }

    /// <summary>xhat = (z − mean)·inverseStd, in place in z, and y = max(gamma·xhat + beta, 0), for every column of the block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void NormaliseScaleShiftRelu(Span<float> z, Block block, ReadOnlySpan<float> mean, ReadOnlySpan<float> inverseStd,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta, Span<float> y)
    {
        block.Check(z, mean, inverseStd, gamma, beta);
        block.Check(y);
        ref var mu = ref MemoryMarshal.GetReference(mean);
        ref var inv = ref MemoryMarshal.GetReference(inverseStd);
        ref var g = ref MemoryMarshal.GetReference(gamma);
        ref var b = ref MemoryMarshal.GetReference(beta);
        for (var j = 0; j < block.Batch; j++)
        {
            ref var zc = ref Column(z, block, j);
            ref var yc = ref Column(y, block, j);
            var i = 0;
            for (; i <= block.Length - Width; i += Width)
            {
                var xhat = (Load(ref zc, i) - Load(ref mu, i)) * Load(ref inv, i);
                xhat.StoreUnsafe(ref zc, (nuint)i);
                Vector.Max(Load(ref g, i) * xhat + Load(ref b, i), Vector<float>.Zero).StoreUnsafe(ref yc, (nuint)i);
            }
            for (; i < block.Length; i++)
            {
                var xhat = (Unsafe.Add(ref zc, i) - Unsafe.Add(ref mu, i)) * Unsafe.Add(ref inv, i);
                Unsafe.Add(ref zc, i) = xhat;
                Unsafe.Add(ref yc, i) = MathF.Max(Unsafe.Add(ref g, i) * xhat + Unsafe.Add(ref b, i), 0f);
            }
        }
    }

    /// <summary>dy = activated &gt; 0 ? upstream : 0 (the ReLU gradient, read from its output), with sumDy += dy and sumDyXhat += dy·xhat, for every column.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ReluGradientAndSums(ReadOnlySpan<float> activated, ReadOnlySpan<float> upstream, ReadOnlySpan<float> xhat, Block block,
        Span<float> dy, Span<float> sumDy, Span<float> sumDyXhat)
    {
        block.Check(activated, sumDy, sumDyXhat);
        block.Check(upstream);
        block.Check(xhat);
        block.Check(dy);
        ref var sd = ref MemoryMarshal.GetReference(sumDy);
        ref var sdx = ref MemoryMarshal.GetReference(sumDyXhat);
        for (var j = 0; j < block.Batch; j++)
        {
            ref var ac = ref Column(activated, block, j);
            ref var uc = ref Column(upstream, block, j);
            ref var xc = ref Column(xhat, block, j);
            ref var dc = ref Column(dy, block, j);
            var i = 0;
            for (; i <= block.Length - Width; i += Width)
            {
                var d = Vector.ConditionalSelect(Vector.GreaterThan(Load(ref ac, i), Vector<float>.Zero), Load(ref uc, i), Vector<float>.Zero);
                d.StoreUnsafe(ref dc, (nuint)i);
                (Load(ref sd, i) + d).StoreUnsafe(ref sd, (nuint)i);
                (Load(ref sdx, i) + d * Load(ref xc, i)).StoreUnsafe(ref sdx, (nuint)i);
            }
            for (; i < block.Length; i++)
            {
                var d = Unsafe.Add(ref ac, i) > 0f ? Unsafe.Add(ref uc, i) : 0f;
                Unsafe.Add(ref dc, i) = d;
                Unsafe.Add(ref sd, i) += d;
                Unsafe.Add(ref sdx, i) += d * Unsafe.Add(ref xc, i);
            }
        }
    }

    /// <summary>dz = scale·(m·dy − sumDy − xhat·sumDyXhat), the batch-norm input gradient, for every column (dz may be dy).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void BatchNormInputGradient(ReadOnlySpan<float> dy, ReadOnlySpan<float> xhat, Block block, ReadOnlySpan<float> scale,
        ReadOnlySpan<float> sumDy, ReadOnlySpan<float> sumDyXhat, float m, Span<float> dz)
    {
        block.Check(dy, scale, sumDy, sumDyXhat);
        block.Check(xhat);
        block.Check(dz);
        ref var sc = ref MemoryMarshal.GetReference(scale);
        ref var sd = ref MemoryMarshal.GetReference(sumDy);
        ref var sdx = ref MemoryMarshal.GetReference(sumDyXhat);
        var mv = new Vector<float>(m);
        for (var j = 0; j < block.Batch; j++)
        {
            ref var yc = ref Column(dy, block, j);
            ref var xc = ref Column(xhat, block, j);
            ref var zc = ref Column(dz, block, j);
            var i = 0;
            for (; i <= block.Length - Width; i += Width)
            {
                var inner = mv * Load(ref yc, i) - Load(ref sd, i) - Load(ref xc, i) * Load(ref sdx, i);
                (Load(ref sc, i) * inner).StoreUnsafe(ref zc, (nuint)i);
            }
            for (; i < block.Length; i++)
                Unsafe.Add(ref zc, i) = Unsafe.Add(ref sc, i) * (m * Unsafe.Add(ref yc, i) - Unsafe.Add(ref sd, i) - Unsafe.Add(ref xc, i) * Unsafe.Add(ref sdx, i));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float start, int i) => Vector.LoadUnsafe(ref start, (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref float Column(ReadOnlySpan<float> matrix, Block block, int j) =>
        ref Unsafe.Add(ref MemoryMarshal.GetReference(matrix), j * block.Units + block.From);

    /// <summary>Rows [From, To) of every column of a Units × Batch column-major matrix.</summary>
    public readonly record struct Block(int Units, int Batch, int From, int To)
    {
        public int Length => To - From;

        // The bounds checks of a call, once: the matrix holds the whole block, each per-unit vector holds the block's rows.
        public void Check(ReadOnlySpan<float> matrix)
        {
            if (From < 0 || To > Units || From > To || Batch < 0 || matrix.Length < (long)Units * Batch)
                throw new ArgumentException($"rows {From}..{To} of a {Units} × {Batch} matrix do not fit {matrix.Length} elements");
        }

        public void Check(ReadOnlySpan<float> matrix, ReadOnlySpan<float> perUnit)
        {
            Check(matrix);
            if (perUnit.Length != Length) throw new ArgumentException($"a per-unit vector of {perUnit.Length} elements for rows {From}..{To}");
        }

        public void Check(ReadOnlySpan<float> matrix, ReadOnlySpan<float> perUnit, ReadOnlySpan<float> perUnit2)
        {
            Check(matrix, perUnit);
            Check(matrix, perUnit2);
        }

        public void Check(ReadOnlySpan<float> matrix, ReadOnlySpan<float> perUnit, ReadOnlySpan<float> perUnit2, ReadOnlySpan<float> perUnit3)
        {
            Check(matrix, perUnit, perUnit2);
            Check(matrix, perUnit3);
        }

        public void Check(ReadOnlySpan<float> matrix, ReadOnlySpan<float> perUnit, ReadOnlySpan<float> perUnit2, ReadOnlySpan<float> perUnit3, ReadOnlySpan<float> perUnit4)
        {
            Check(matrix, perUnit, perUnit2, perUnit3);
            Check(matrix, perUnit4);
        }
    }
}
