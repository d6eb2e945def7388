using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Tests.Data;

public sealed class StandardizerTests
{
    // Three features: varying, constant, and large-offset (to catch E[x²]−E[x]² cancellation).
    private static readonly Dataset Train = new(
        [1f, 5f, 1000001f,
         2f, 5f, 1000002f,
         3f, 5f, 1000003f,
         6f, 5f, 1000006f],
        [0, 1, 0, 1], 3, 2, "train");

    [Fact]
    public void Fit_computes_the_population_mean_and_standard_deviation_per_feature()
    {
        var s = Standardizer.Fit(Train);

        // Feature 0: mean 3, population variance (4+1+0+9)/4 = 3.5.
        Assert.Equal(3f, s.Mean[0], 5);
        Assert.Equal(MathF.Sqrt(3.5f), s.StdDev[0], 5);
        Assert.Equal(1000003f, s.Mean[2]);
        Assert.Equal(MathF.Sqrt(3.5f), s.StdDev[2], 3);
    }

    [Fact]
    public void Standardized_training_columns_have_mean_zero_and_standard_deviation_one()
    {
        var digits = CsvDataset.Load(TestData.Path("digits.csv"));
        var s = Standardizer.Fit(digits);

        var z = s.Apply(digits);

        for (var j = 0; j < z.FeatureCount; j++)
        {
            var column = Enumerable.Range(0, z.Count).Select(i => (double)z.Features[i * z.FeatureCount + j]).ToArray();
            var mean = column.Average();
            var std = Math.Sqrt(column.Select(x => (x - mean) * (x - mean)).Average());
            Assert.Equal(0, mean, 4);
            // digits has all-zero pixel columns; those map to 0 with std 0, every other column to std 1.
            if (s.StdDev[j] == 1f && column.All(x => x == 0)) continue;
            Assert.Equal(1, std, 4);
        }
    }

    [Fact]
    public void A_constant_feature_maps_to_zero_not_NaN()
    {
        var s = Standardizer.Fit(Train);

        var z = s.Apply(Train);

        Assert.Equal(1f, s.StdDev[1]);
        Assert.All(Enumerable.Range(0, z.Count), i => Assert.Equal(0f, z.Row(i)[1]));
        Assert.DoesNotContain(z.Features, float.IsNaN);
    }

    [Fact]
    public void Validation_is_scaled_with_the_training_statistics_not_its_own()
    {
        var s = Standardizer.Fit(Train);
        var validation = new Dataset([3f + MathF.Sqrt(3.5f), 7f, 1000003f], [1], 3, 2, "validation");

        var z = s.Apply(validation);

        // One training std above the training mean → 1; the constant feature's offset is divided by 1.
        Assert.Equal(1f, z.Row(0)[0], 5);
        Assert.Equal(2f, z.Row(0)[1], 5);
        Assert.Equal(0f, z.Row(0)[2], 5);
    }

    [Fact]
    public void Apply_leaves_its_input_unchanged_and_keeps_labels_and_shape()
    {
        var before = Train.Features.ToArray();
        var s = Standardizer.Fit(Train);

        var z = s.Apply(Train);

        Assert.Equal(before, Train.Features);
        Assert.NotSame(Train.Features, z.Features);
        Assert.Equal(Train.Labels, z.Labels);
        Assert.Equal(Train.FeatureCount, z.FeatureCount);
        Assert.Equal(Train.ClassCount, z.ClassCount);
    }

    [Fact]
    public void Apply_rejects_a_dataset_with_a_different_feature_count()
    {
        var s = Standardizer.Fit(Train);
        var other = new Dataset([1f, 2f], [0], 2, 1, "other");

        var e = Assert.Throws<ArgumentException>(() => s.Apply(other));

        Assert.Contains("2 features", e.Message);
        Assert.Contains("fitted on 3", e.Message);
    }

    [Fact]
    public void Fit_rejects_an_empty_dataset()
    {
        var empty = new Dataset([], [], 3, 2, "empty");

        Assert.Throws<ArgumentException>(() => Standardizer.Fit(empty));
    }
}
