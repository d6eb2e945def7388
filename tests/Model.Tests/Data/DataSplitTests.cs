using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Tests.Data;

public sealed class DataSplitTests
{
    private static readonly Dataset Digits = CsvDataset.Load(TestData.Path("digits.csv"));

    [Fact]
    public void Each_class_gets_its_share_of_validation_within_one_sample()
    {
        var (train, validation) = DataSplit.Stratified(Digits, 0.2, seed: 7);

        var all = ClassSizes(Digits);
        var val = ClassSizes(validation);
        var tr = ClassSizes(train);
        for (var c = 0; c < Digits.ClassCount; c++)
        {
            Assert.InRange(val[c], all[c] * 0.2 - 1, all[c] * 0.2 + 1);
            Assert.Equal(all[c], val[c] + tr[c]);
        }
    }

    [Fact]
    public void Train_and_validation_are_disjoint_and_together_are_the_whole_dataset()
    {
        // Rows carry a unique id in their only feature, so membership can be traced back.
        var data = Numbered(labels: Enumerable.Range(0, 103).Select(i => i % 4).ToArray());

        var (train, validation) = DataSplit.Stratified(data, 0.3, seed: 1);

        var trainIds = train.Features.Select(f => (int)f).ToHashSet();
        var validationIds = validation.Features.Select(f => (int)f).ToHashSet();
        Assert.Empty(trainIds.Intersect(validationIds));
        Assert.Equal(Enumerable.Range(0, 103), trainIds.Union(validationIds).Order());
        Assert.Equal(103, train.Count + validation.Count);
        // Each row keeps its own label.
        Assert.All(Enumerable.Range(0, train.Count), i => Assert.Equal((int)train.Features[i] % 4, train.Labels[i]));
        Assert.All(Enumerable.Range(0, validation.Count), i => Assert.Equal((int)validation.Features[i] % 4, validation.Labels[i]));
    }

    [Fact]
    public void The_same_seed_gives_the_same_split()
    {
        var (trainA, validationA) = DataSplit.Stratified(Digits, 0.25, seed: 42);
        var (trainB, validationB) = DataSplit.Stratified(Digits, 0.25, seed: 42);

        Assert.Equal(trainA.Features, trainB.Features);
        Assert.Equal(trainA.Labels, trainB.Labels);
        Assert.Equal(validationA.Features, validationB.Features);
        Assert.Equal(validationA.Labels, validationB.Labels);
    }

    [Fact]
    public void A_different_seed_gives_a_different_split()
    {
        var (_, validationA) = DataSplit.Stratified(Digits, 0.25, seed: 42);
        var (_, validationB) = DataSplit.Stratified(Digits, 0.25, seed: 43);

        Assert.Equal(validationA.Count, validationB.Count);
        Assert.NotEqual(validationA.Features, validationB.Features);
    }

    [Fact]
    public void Every_class_with_two_or_more_samples_appears_on_both_sides()
    {
        // Class 1 has 2 samples and class 2 has 3: a 5% share rounds to none, yet each must be in validation.
        var data = Numbered(labels: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 3]);

        var (train, validation) = DataSplit.Stratified(data, 0.05, seed: 3);

        Assert.Equal([9, 1, 2, 1], ClassSizes(train));
        Assert.Equal([1, 1, 1, 0], ClassSizes(validation));
    }

    [Fact]
    public void A_large_fraction_still_leaves_each_class_a_training_sample()
    {
        var data = Numbered(labels: [0, 0, 0, 1, 1]);

        var (train, validation) = DataSplit.Stratified(data, 0.95, seed: 0);

        Assert.Equal([1, 1], ClassSizes(train));
        Assert.Equal([2, 1], ClassSizes(validation));
    }

    [Fact]
    public void Both_parts_keep_the_class_count_and_feature_count_of_the_whole()
    {
        var data = Numbered(labels: [0, 0, 3, 3]);

        var (train, validation) = DataSplit.Stratified(data, 0.5, seed: 0);

        Assert.Equal(4, train.ClassCount);
        Assert.Equal(4, validation.ClassCount);
        Assert.Equal(1, validation.FeatureCount);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_fraction_outside_the_open_unit_interval_is_rejected_naming_the_parameter(double fraction)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DataSplit.Stratified(Digits, fraction, seed: 0));

        Assert.Equal("validationFraction", e.ParamName);
    }

    private static Dataset Numbered(int[] labels) =>
        new(Enumerable.Range(0, labels.Length).Select(i => (float)i).ToArray(), labels, 1, labels.Max() + 1, "numbered");

    private static int[] ClassSizes(Dataset data)
    {
        var sizes = new int[data.ClassCount];
        foreach (var label in data.Labels) sizes[label]++;
        return sizes;
    }
}
