using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Tests.Data;

public sealed class TestPartTests
{
    private static readonly string Digits = TestData.Path("digits.csv");

    // A row's identity after standardising: its features as text (standardising is the same map for every split of one seed's train part, so compare raw rows instead).
    private static HashSet<string> Rows(Dataset d) =>
        [.. Enumerable.Range(0, d.Count).Select(i => string.Join(",", d.Row(i).ToArray()))];

    [Fact]
    public void The_test_part_is_the_same_rows_whatever_the_train_validation_split_seed()
    {
        var test = new TestPart(0.2, null, null, Seed: 3);

        var a = PreparedDataset.Load(Digits, null, 0.2, seed: 1, test);
        var b = PreparedDataset.Load(Digits, null, 0.2, seed: 2, test);

        Assert.NotNull(a.Test);
        Assert.Equal(a.Test.Labels, b.Test!.Labels);
        Assert.NotEqual(a.Validation.Labels, b.Validation.Labels); // a re-test's fresh split moves validation, never test
        var whole = CsvDataset.Load(Digits).Count;
        Assert.Equal(whole, a.Rows);
        Assert.InRange(a.Test.Count, whole * 0.2 - 10, whole * 0.2 + 10);
    }

    [Fact]
    public void Test_rows_never_reach_training_or_validation()
    {
        var raw = CsvDataset.Load(Digits);
        var (rest, heldOut) = DataSplit.Stratified(raw, 0.2, seed: 3);

        var prepared = PreparedDataset.Load(Digits, null, 0.25, seed: 9, new TestPart(0.2, null, null, Seed: 3));

        Assert.Equal(heldOut.Count, prepared.Test!.Count);
        Assert.Equal(rest.Count, prepared.Train.Count + prepared.Validation.Count);
        Assert.Empty(Rows(rest).Intersect(Rows(heldOut)));
    }

    [Fact]
    public void A_test_file_is_the_test_part_and_the_whole_data_file_is_split_into_train_and_validation()
    {
        var prepared = PreparedDataset.Load(Digits, null, 0.2, seed: 1, new TestPart(0, TestData.Path("digits.csv"), null, Seed: 1));

        var whole = CsvDataset.Load(Digits).Count;
        Assert.Equal(whole, prepared.Train.Count + prepared.Validation.Count);
        Assert.Equal(whole, prepared.Test!.Count);
    }

    [Fact]
    public void Without_a_test_part_there_is_none()
    {
        var prepared = PreparedDataset.Load(Digits, null, 0.2, seed: 1, TestPart.None);

        Assert.Null(prepared.Test);
    }
}
