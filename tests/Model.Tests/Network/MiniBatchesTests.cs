using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Network;
using Orleans.Tuning.Model.Randomness;
using Orleans.Tuning.Model.Tests.LinearAlgebra;

namespace Orleans.Tuning.Model.Tests.Network;

public class MiniBatchesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)] // 128 samples × 600 features: large enough to be gathered in parts by the lent core
    public void A_gathered_batch_holds_the_ordered_samples_one_per_column(int helpers)
    {
        var rng = new Rng(6);
        const int count = 300, features = 600;
        var x = new float[count * features];
        for (var i = 0; i < x.Length; i++) x[i] = (float)rng.NextGaussian();
        var labels = Enumerable.Range(0, count).Select(i => i % 7).ToArray();
        var data = new Dataset(x, labels, features, 7, "gather");
        var order = Enumerable.Range(0, count).Select(i => (i * 97 + 13) % count).ToArray();
        var batches = new MiniBatches(data, 128);

        // Gathers until the lent core has taken a part (at most 5 s): in any one gather the lead may take every part
        // before the lent core wakes up, and with other tests running beside this one it may not wake for a while.
        using var cores = helpers > 0 ? new LentCores(helpers) : null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var gather = 0; gather < 10 || (cores is not null && cores.Crew.PartsByHelpers == 0 && clock.Elapsed < TimeSpan.FromSeconds(5)); gather++)
        {
            var (matrix, y) = batches.Gather(order, start: 128);
            var gathered = matrix.AsColumnMajorArray();
            for (var j = 0; j < 128; j++)
            {
                var sample = order[128 + j];
                Assert.Equal(x.AsSpan(sample * features, features).ToArray(), gathered.AsSpan(j * features, features).ToArray());
                Assert.Equal(labels[sample], y[j]);
            }
        }
        if (cores is not null) Assert.True(cores.Crew.PartsByHelpers > 0, "the lent core gathered nothing in 5 s of gathers");
    }
}
