using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Randomness;

namespace Orleans.Tuning.Model.Tests.Network;

/// <summary>Each fused batch-norm kernel gives, bit for bit, what the plain element-by-element loops give.</summary>
public class KernelsTests
{
    // Blocks of rows: whole vectors, a scalar tail, a block that starts mid-column (as a crew's second part does), one row.
    public static TheoryData<int, int, int, int> Blocks => new()
    {
        { 64, 5, 0, 64 },
        { 61, 7, 0, 61 },
        { 80, 3, 16, 80 },
        { 45, 4, 16, 29 },
        { 9, 6, 4, 5 },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Batch_sums_and_squared_deviations_match_plain_loops(int units, int batch, int from, int to)
    {
        var rng = new Rng(1);
        var z = Random(units * batch, rng);
        var block = new Kernels.Block(units, batch, from, to);
        var sum = Random(to - from, rng);
        var expectedSum = (float[])sum.Clone();
        var mean = Random(to - from, rng);
        var squares = Random(to - from, rng);
        var expectedSquares = (float[])squares.Clone();

        Kernels.SumColumns(z, block, sum);
        Kernels.SumSquaredDeviations(z, block, mean, squares);

        for (var j = 0; j < batch; j++)
            for (var u = from; u < to; u++)
            {
                expectedSum[u - from] += z[j * units + u];
                var d = z[j * units + u] - mean[u - from];
                expectedSquares[u - from] += d * d;
            }
        Assert.Equal(expectedSum, sum);
        Assert.Equal(expectedSquares, squares);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Normalise_scale_shift_relu_matches_plain_loops_and_leaves_other_rows_alone(int units, int batch, int from, int to)
    {
        var rng = new Rng(2);
        var z = Random(units * batch, rng);
        var y = Random(units * batch, rng);
        var (mean, inverseStd, gamma, beta) = (Random(to - from, rng), Random(to - from, rng), Random(to - from, rng), Random(to - from, rng));
        var (expectedZ, expectedY) = ((float[])z.Clone(), (float[])y.Clone());

        Kernels.NormaliseScaleShiftRelu(z, new Kernels.Block(units, batch, from, to), mean, inverseStd, gamma, beta, y);

        for (var j = 0; j < batch; j++)
            for (var u = from; u < to; u++)
            {
                var i = j * units + u;
                var xhat = (expectedZ[i] - mean[u - from]) * inverseStd[u - from];
                expectedZ[i] = xhat;
                expectedY[i] = MathF.Max(gamma[u - from] * xhat + beta[u - from], 0f);
            }
        Assert.Equal(expectedZ, z);
        Assert.Equal(expectedY, y);
        Assert.Contains(y, v => v == 0f); // the ReLU did cut something
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Relu_gradient_with_its_sums_and_the_batch_norm_input_gradient_match_plain_loops(int units, int batch, int from, int to)
    {
        var rng = new Rng(3);
        var activated = Random(units * batch, rng);
        var upstream = Random(units * batch, rng);
        var xhat = Random(units * batch, rng);
        var dy = Random(units * batch, rng);
        var (sumDy, sumDyXhat, scale) = (Random(to - from, rng), Random(to - from, rng), Random(to - from, rng));
        var (expectedDy, expectedSumDy, expectedSumDyXhat) = ((float[])dy.Clone(), (float[])sumDy.Clone(), (float[])sumDyXhat.Clone());
        var block = new Kernels.Block(units, batch, from, to);

        Kernels.ReluGradientAndSums(activated, upstream, xhat, block, dy, sumDy, sumDyXhat);
        for (var j = 0; j < batch; j++)
            for (var u = from; u < to; u++)
            {
                var i = j * units + u;
                var d = activated[i] > 0f ? upstream[i] : 0f;
                expectedDy[i] = d;
                expectedSumDy[u - from] += d;
                expectedSumDyXhat[u - from] += d * xhat[i];
            }
        Assert.Equal(expectedDy, dy);
        Assert.Equal(expectedSumDy, sumDy);
        Assert.Equal(expectedSumDyXhat, sumDyXhat);

        // In place, as the layer calls it: dz overwrites dy.
        Kernels.BatchNormInputGradient(dy, xhat, block, scale, sumDy, sumDyXhat, batch, dy);
        for (var j = 0; j < batch; j++)
            for (var u = from; u < to; u++)
            {
                var i = j * units + u;
                expectedDy[i] = scale[u - from] * (batch * expectedDy[i] - sumDy[u - from] - xhat[i] * sumDyXhat[u - from]);
            }
        Assert.Equal(expectedDy, dy);
    }

    [Fact]
    public void A_block_or_vector_that_does_not_fit_is_rejected_before_anything_is_read()
    {
        var z = new float[10 * 4];
        var ex = Assert.Throws<ArgumentException>(() => Kernels.SumColumns(z, new Kernels.Block(10, 5, 0, 10), new float[10]));
        Assert.Contains("10 × 5", ex.Message);
        Assert.Throws<ArgumentException>(() => Kernels.SumColumns(z, new Kernels.Block(10, 4, 0, 10), new float[8]));
        Assert.Throws<ArgumentException>(() => Kernels.SumColumns(z, new Kernels.Block(10, 4, 8, 12), new float[4]));
    }

    private static float[] Random(int length, Rng rng)
    {
        var values = new float[length];
        for (var i = 0; i < length; i++) values[i] = (float)rng.NextGaussian();
        return values;
    }
}
