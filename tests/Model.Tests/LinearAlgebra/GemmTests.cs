using MathNet.Numerics.LinearAlgebra;
using Orleans.Tuning.Model.LinearAlgebra;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Tests.LinearAlgebra;

public class GemmTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Gemm_matches_a_naive_product_for_every_transpose(bool transA, bool transB)
    {
        var rng = new Rng(11);
        const int m = 7, k = 5, n = 3;
        var a = Random(transA ? k : m, transA ? m : k, rng);
        var b = Random(transB ? n : k, transB ? k : n, rng);
        var c = Random(m, n, rng);
        var before = c.Clone();

        Gemm.Multiply(a, transA, b, transB, c, beta: 0.5f);

        var opA = transA ? a.Transpose() : a;
        var opB = transB ? b.Transpose() : b;
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double expected = 0.5 * before[i, j];
                for (var p = 0; p < k; p++) expected += (double)opA[i, p] * opB[p, j];
                Assert.Equal(expected, c[i, j], 1e-4);
            }
    }

    // Large enough to be cut into blocks: by rows when m > n, by columns otherwise.
    public static TheoryData<int, int, int, bool, bool> BlockedShapes => new()
    {
        { 256, 784, 128, false, false }, // a hidden layer's forward product: rows
        { 256, 128, 784, false, true },  // its weight gradient: columns
        { 784, 256, 128, true, false },  // its input gradient: rows
        { 203, 97, 301, true, true },    // ragged edges everywhere
    };

    [Theory]
    [MemberData(nameof(BlockedShapes))]
    public void A_product_cut_into_blocks_matches_a_naive_product(int m, int k, int n, bool transA, bool transB)
    {
        var rng = new Rng(5);
        var a = Random(transA ? k : m, transA ? m : k, rng);
        var b = Random(transB ? n : k, transB ? k : n, rng);
        var c = Random(m, n, rng);
        var before = c.Clone();

        using (new LentCores(helpers: 1)) Gemm.Multiply(a, transA, b, transB, c, beta: 0.25f);

        var opA = transA ? a.Transpose() : a;
        var opB = transB ? b.Transpose() : b;
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double expected = 0.25 * before[i, j];
                for (var p = 0; p < k; p++) expected += (double)opA[i, p] * opB[p, j];
                Assert.Equal(expected, c[i, j], 2e-3);
            }
    }

    [Theory]
    [MemberData(nameof(BlockedShapes))]
    public void A_product_on_lent_cores_equals_it_on_one_core_bit_for_bit(int m, int k, int n, bool transA, bool transB)
    {
        var rng = new Rng(5);
        var a = Random(transA ? k : m, transA ? m : k, rng);
        var b = Random(transB ? n : k, transB ? k : n, rng);
        var start = Random(m, n, rng);
        var alone = start.Clone();
        Gemm.Multiply(a, transA, b, transB, alone, beta: 0.25f);

        var lent = start.Clone();
        using (new LentCores(helpers: 2)) Gemm.Multiply(a, transA, b, transB, lent, beta: 0.25f);

        Assert.Equal(alone.AsColumnMajorArray(), lent.AsColumnMajorArray());
    }

    // beta = 0 is a product into a cleared C: what C held (NaN included) must not leak in, whole or cut into blocks, alone or lent.
    [Theory]
    [InlineData(7, 5, 3, false, 0)]
    [InlineData(256, 784, 128, false, 0)]   // rows
    [InlineData(256, 128, 784, true, 0)]    // columns
    [InlineData(256, 784, 128, false, 1)]
    [InlineData(256, 128, 784, true, 1)]
    public void With_beta_zero_what_C_held_is_ignored(int m, int k, int n, bool transB, int helpers)
    {
        var rng = new Rng(8);
        var a = Random(m, k, rng);
        var b = transB ? Random(n, k, rng) : Random(k, n, rng);
        var c = Matrix<float>.Build.Dense(m, n, float.NaN);
        c[0, 0] = 1e30f;

        using (helpers > 0 ? new LentCores(helpers) : null) Gemm.Multiply(a, false, b, transB, c);

        var expected = a * (transB ? b.Transpose() : b);
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                Assert.Equal(expected[i, j], c[i, j], 2e-3);
    }

    [Fact]
    public void Gemm_rejects_shapes_that_do_not_multiply()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply(Matrix<float>.Build.Dense(2, 3), false, Matrix<float>.Build.Dense(2, 3), false, Matrix<float>.Build.Dense(2, 3)));
        Assert.Contains("2x3 · 2x3", ex.Message);
    }

    [Fact]
    public void Provider_names_itself()
    {
        Assert.Contains(Gemm.IsNative ? "OpenBLAS" : "managed", Gemm.Provider);
    }

    private static Matrix<float> Random(int rows, int columns, Rng rng) =>
        Matrix<float>.Build.Dense(rows, columns, (_, _) => (float)rng.NextGaussian());
}
