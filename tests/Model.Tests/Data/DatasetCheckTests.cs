using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Tests.Data;

/// <summary>A dataset that loads is one a network can learn from: what only the whole dataset and its split can tell is refused, every problem at once.</summary>
public sealed class DatasetCheckTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Labels_with_a_gap_are_refused_naming_the_missing_ones()
    {
        var path = _temp.File("gap.csv", Csv((0, 1), (7, 2), (0, 3), (7, 4), (0, 5), (7, 6)));
        var e = Assert.Throws<DataFormatException>(() => PreparedDataset.Load(path, null, 0.3, 1));
        Assert.Equal(["gap.csv: labels must be exactly 0..k−1, but labels 1..6 have no rows (found 2 classes up to label 7); renumber the classes 0..1"], e.Problems);
    }

    [Fact]
    public void A_single_class_is_refused()
    {
        var path = _temp.File("one.csv", Csv((3, 1), (3, 2), (3, 3), (3, 4)));
        var e = Assert.Throws<DataFormatException>(() => PreparedDataset.Load(path, null, 0.3, 1));
        Assert.Contains(e.Problems, p => p.StartsWith("one.csv: every row has label 3; a classifier needs at least two classes"));
    }

    [Fact]
    public void Too_few_rows_for_a_validation_part_is_refused_with_the_fraction()
    {
        var path = _temp.File("three.csv", Csv((0, 1), (1, 2), (2, 3)));
        var e = Assert.Throws<DataFormatException>(() => PreparedDataset.Load(path, null, 0.2, 1));
        Assert.Equal("three.csv: 3 rows are too few for validation_fraction 0.2: the validation part has no rows (a class needs at least two rows to appear in both parts)", Assert.Single(e.Problems));
    }

    [Fact]
    public void A_training_part_missing_a_class_is_named()
    {
        var train = new Dataset([1, 2, 3], [0, 0, 2], 1, 3, "x");
        var validation = new Dataset([4], [1], 1, 3, "x");
        Assert.Equal(["d.csv: the training part has no rows of class label 1; the network could never learn it"],
            DatasetCheck.Split(train, validation, 0.25, "d.csv"));
    }

    [Fact]
    public void Non_finite_features_from_any_source_are_refused_with_row_and_feature()
    {
        var data = new Dataset([1, 2, 3, float.PositiveInfinity], [0, 1], 2, 2, "x");
        Assert.Equal(["mem: row 2, feature 2 is Infinity; every feature must be a finite number"], DatasetCheck.Whole(data, "mem"));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var data = new Dataset([1, float.NaN], [4, 4], 1, 5, "x");
        Assert.Equal(2, DatasetCheck.Whole(data, "d").Count);
    }

    [Fact]
    public void A_folder_given_as_the_data_file_is_named_as_a_folder()
    {
        var folder = Path.Combine(_temp.FullPath, "data.csv");
        Directory.CreateDirectory(folder);
        var e = Assert.Throws<DataFormatException>(() => DatasetSource.Load(folder));
        Assert.StartsWith("data.csv: is a folder, not a file", e.Message);
    }

    [Fact]
    public void A_good_dataset_passes_and_keeps_its_shape()
    {
        var data = PreparedDataset.Load(TestData.Path("iris.csv"), null, 0.2, 1);
        Assert.Equal(150, data.Rows);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal(4, data.FeatureCount);
    }

    private static string Csv(params (int Label, float X)[] rows) =>
        "x,label\n" + string.Concat(rows.Select(r => $"{r.X},{r.Label}\n"));
}
