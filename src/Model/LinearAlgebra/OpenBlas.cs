using System.Runtime.InteropServices;

namespace Orleans.Tuning.Model.LinearAlgebra;

/// <summary>The one OpenBLAS routine we need, bound at run time so a machine without OpenBLAS still trains.</summary>
/// <remarks>
/// MathNet's own OpenBLAS provider needs a wrapper library that is not shipped for Linux; binding
/// cblas_sgemm from Debian's libopenblas0 directly needs nothing built.
/// </remarks>
internal static unsafe class OpenBlas
{
    private const int ColumnMajor = 102, NoTrans = 111, Trans = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;

    public static bool IsAvailable { get; }

    /// <summary>OpenBLAS's name for the kernel set it picked (Haswell, SkylakeX, ...), or null.</summary>
    public static string? CoreName { get; }

    static OpenBlas()
    {
        // TUNING_BLAS=managed forces MathNet's managed provider, to compare the two or to rule OpenBLAS out.
        if (Environment.GetEnvironmentVariable("TUNING_BLAS") == "managed") return;
        foreach (var name in new[] { "libopenblas.so.0", "libopenblas.so", "libopenblas" })
        {
            if (!NativeLibrary.TryLoad(name, out var handle)) continue;
            if (!NativeLibrary.TryGetExport(handle, "cblas_sgemm", out var sgemm)) continue;
            Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
            // Parallelism comes from running one trial per core; a BLAS that also spawns threads would oversubscribe.
            if (NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out var setThreads))
                ((delegate* unmanaged<int, void>)setThreads)(1);
            if (NativeLibrary.TryGetExport(handle, "openblas_get_corename", out var coreName))
                CoreName = Marshal.PtrToStringAnsi((nint)((delegate* unmanaged<sbyte*>)coreName)());
            IsAvailable = true;
            return;
        }
    }

    /// <summary>C = alpha·op(A)·op(B) + beta·C on column-major arrays with leading dimension = rows.</summary>
    public static void Gemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        fixed (float* pa = a, pb = b, pc = c)
        {
            Gemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
        }
    }

    /// <summary>The same on pinned memory, for a block of a larger product.</summary>
    public static void Gemm(bool transA, bool transB, int m, int n, int k, float alpha,
        float* a, int lda, float* b, int ldb, float beta, float* c, int ldc) =>
        Sgemm(ColumnMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
