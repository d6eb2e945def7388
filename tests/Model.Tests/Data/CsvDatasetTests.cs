using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Tests.Data;

public sealed class CsvDatasetTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Digits_loads_1797_rows_of_64_features_in_10_classes()
    {
        var data = CsvDataset.Load(TestData.Path("digits.csv"));

        Assert.Equal(1797, data.Count);
        Assert.Equal(64, data.FeatureCount);
        Assert.Equal(1797 * 64, data.Features.Length);
        Assert.Equal(10, data.ClassCount);
        Assert.Equal(
            [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
             0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0],
            data.Row(0).ToArray());
        Assert.Equal(0, data.Labels[0]);
        Assert.Equal(1, data.Labels[1]);
        // Class sizes from PROVENANCE.md: a dropped or duplicated row would change them.
        Assert.Equal([178, 182, 177, 183, 181, 182, 181, 179, 174, 180], ClassSizes(data));
    }

    [Fact]
    public void Iris_loads_150_rows_of_4_features_in_3_classes_of_50()
    {
        var data = CsvDataset.Load(TestData.Path("iris.csv"));

        Assert.Equal(150, data.Count);
        Assert.Equal(4, data.FeatureCount);
        Assert.Equal(3, data.ClassCount);
        Assert.Equal([5.1f, 3.5f, 1.4f, 0.2f], data.Row(0).ToArray());
        Assert.Equal([50, 50, 50], ClassSizes(data));
    }

    [Fact]
    public void Letter_loads_20000_rows_of_16_features_in_26_classes()
    {
        var data = CsvDataset.Load(TestData.Path("letter.csv"));

        Assert.Equal(20000, data.Count);
        Assert.Equal(16, data.FeatureCount);
        Assert.Equal(26, data.ClassCount);
    }

    [Fact]
    public void Class_count_is_max_label_plus_one_even_when_a_class_is_absent()
    {
        var path = _temp.File("gap.csv", "a,label\n1,0\n2,3\n");

        var data = CsvDataset.Load(path);

        Assert.Equal(4, data.ClassCount);
        Assert.Equal([0, 3], data.Labels);
    }

    [Fact]
    public void Numbers_are_read_in_invariant_culture_with_exponents_and_signs()
    {
        var path = _temp.File("numbers.csv", "a,b,label\n-1.5,2e3,1\n");

        var data = CsvDataset.Load(path);

        Assert.Equal([-1.5f, 2000f], data.Row(0).ToArray());
    }

    [Fact]
    public void Blank_lines_are_skipped_but_still_counted_in_line_numbers()
    {
        var path = _temp.File("blank.csv", "a,label\n1,0\n\n2,1\nx,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("blank.csv line 5, column 1 (a)", e.Message);
    }

    [Fact]
    public void Csv_loader_names_file_line_and_column_of_a_non_numeric_cell()
    {
        var path = _temp.File("digits.csv", "pixel_0_0,pixel_0_1,pixel_0_2,label\n1,2,3,0\n4,5,abc,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Equal("digits.csv line 3, column 3 (pixel_0_2): 'abc' is not a number", e.Message);
    }

    [Fact]
    public void Csv_loader_rejects_an_empty_cell_as_not_a_number()
    {
        var path = _temp.File("empty-cell.csv", "a,b,label\n1,,0\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("empty-cell.csv line 2, column 2 (b)", e.Message);
        Assert.Contains("is not a number", e.Message);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e40")] // overflows float to infinity
    public void Csv_loader_rejects_non_finite_cells_with_file_line_and_column(string cell)
    {
        var path = _temp.File("nonfinite.csv", $"a,b,label\n1,2,0\n3,{cell},1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Equal($"nonfinite.csv line 3, column 2 (b): '{cell}' is not a finite number", e.Message);
    }

    [Fact]
    public void Csv_loader_names_expected_and_found_column_counts_of_a_short_row()
    {
        var path = _temp.File("ragged.csv", "a,b,c,label\n1,2,3,0\n1,2,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("ragged.csv line 3", e.Message);
        Assert.Contains("expected 4 columns", e.Message);
        Assert.Contains("found 3", e.Message);
        Assert.Contains("column 4 (label)", e.Message);
    }

    [Fact]
    public void Csv_loader_names_expected_and_found_column_counts_of_a_long_row()
    {
        var path = _temp.File("ragged.csv", "a,label\n1,0\n1,2,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("ragged.csv line 3", e.Message);
        Assert.Contains("expected 2 columns", e.Message);
        Assert.Contains("found 3", e.Message);
        Assert.Contains("column 3", e.Message);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("one")]
    [InlineData("")]
    public void Csv_loader_rejects_a_label_that_is_not_a_non_negative_integer(string label)
    {
        var path = _temp.File("labels.csv", $"a,b,label\n1,2,0\n3,4,{label}\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Equal($"labels.csv line 3, column 3 (label): '{label}' is not a non-negative integer class label", e.Message);
    }

    [Fact]
    public void Csv_loader_rejects_an_empty_file_naming_it()
    {
        var path = _temp.File("empty.csv", "");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("empty.csv", e.Message);
        Assert.Contains("empty", e.Message.Replace("empty.csv", ""));
    }

    [Fact]
    public void Csv_loader_rejects_a_header_without_data_rows()
    {
        var path = _temp.File("header-only.csv", "a,b,label\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Equal("header-only.csv: has a header but no data rows", e.Message);
    }

    [Fact]
    public void Csv_loader_requires_the_last_header_column_to_be_label()
    {
        var path = _temp.File("nolabel.csv", "a,label,b\n1,0,2\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Equal("nolabel.csv line 1, column 3 (b): the last header column must be 'label'", e.Message);
    }

    [Fact]
    public void Csv_loader_requires_at_least_one_feature_column()
    {
        var path = _temp.File("only-label.csv", "label\n0\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("only-label.csv line 1", e.Message);
        Assert.Contains("no feature columns", e.Message);
    }

    [Fact]
    public void Csv_loader_reports_a_missing_file_by_name()
    {
        var path = Path.Combine(_temp.FullPath, "absent.csv");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("absent.csv: file not found", e.Message);
    }

    [Fact]
    public void Csv_loader_reports_malformed_quoting_with_file_and_line()
    {
        var path = _temp.File("quotes.csv", "a,label\n1,0\n\"2\"x,1\n");

        var e = Assert.Throws<DataFormatException>(() => CsvDataset.Load(path));

        Assert.Contains("quotes.csv line 3", e.Message);
    }

    private static int[] ClassSizes(Dataset data)
    {
        var sizes = new int[data.ClassCount];
        foreach (var label in data.Labels) sizes[label]++;
        return sizes;
    }
}
