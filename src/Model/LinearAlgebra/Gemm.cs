using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;

namespace Orleans.Tuning.Model.LinearAlgebra;

/// <summary>Matrix products for training: OpenBLAS when the machine has it, MathNet's managed provider otherwise.</summary>
public static class Gemm
{
    /// <summary>Which provider multiplies matrices in this process, for the start-up message.</summary>
    public static string Provider => OpenBlas.IsAvailable
        ? $"OpenBLAS ({OpenBlas.CoreName ?? "unknown core"}, 1 thread)"
        : $"MathNet managed ({LinearAlgebraControl.Provider}); install libopenblas0 for the fast path";

    public static bool IsNative => OpenBlas.IsAvailable;

    /// <summary>c = op(a)·op(b) + beta·c, where op transposes when asked. No allocation.</summary>
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

        if (OpenBlas.IsAvailable)
        {
            OpenBlas.Gemm(transA, transB, m, n, k, 1f, ad, a.RowCount, bd, b.RowCount, beta, cd, c.RowCount);
            return;
        }

        LinearAlgebraControl.Provider.MatrixMultiplyWithUpdate(
            transA ? Transpose.Transpose : Transpose.DontTranspose,
            transB ? Transpose.Transpose : Transpose.DontTranspose,
            1f, ad, a.RowCount, a.ColumnCount, bd, b.RowCount, b.ColumnCount, beta, cd);
    }
}
