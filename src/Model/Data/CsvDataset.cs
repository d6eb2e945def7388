using System.Globalization;
using CsvHelper;

namespace Orleans.Tuning.Model.Data;

/// <summary>Loads a CSV dataset: one header row, numeric feature columns, last column <c>label</c> (integer ≥ 0).</summary>
public static class CsvDataset
{
    private const string LabelColumn = "label";

    public static Dataset Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = Path.GetFileName(path);
        DatasetSource.RequireFile(path);

        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            HasHeader = true,
            FormatProvider = CultureInfo.InvariantCulture,
            // Counted over every physical line (blank ones included) so reported lines match an editor.
            TrackLineNumbers = true,
            // Numeric data never needs quoted line breaks; refusing them stops one stray quote from swallowing the file.
            AllowLineBreaksInQuotes = false,
            MalformedData = CsvMalformedDataHandling.Throw,
            // Ragged rows are reported by Parse, which can name the expected and found column counts.
            FieldCountMismatch = CsvFieldCountHandling.Allow,
        };

        using var reader = CsvReader.FromFile(path, options);
        try
        {
            return Parse(reader, file, path);
        }
        catch (CsvFormatException e)
        {
            // Keep the location but not CsvHelper's own wording, so every loader error reads the same way.
            var line = e.LineNumber > 0 ? e.LineNumber : reader.LineNumber;
            throw new DataFormatException($"{file} line {line}: malformed CSV ({e.Message})");
        }
    }

    private static Dataset Parse(CsvReader reader, string file, string path)
    {
        var header = reader.Headers;
        if (header.Count == 0)
            throw new DataFormatException($"{file}: file is empty; expected a header row ending in '{LabelColumn}'");

        // Leading blank lines are skipped, so the header is not always on line 1.
        var headerLine = reader.LineNumber;
        var columns = header.Count;
        if (header[^1].Trim() != LabelColumn)
            throw new DataFormatException(
                $"{Where(file, headerLine, columns, header[^1])}: the last header column must be '{LabelColumn}'");
        if (columns < 2)
            throw new DataFormatException($"{file} line {headerLine}: the header has no feature columns before '{LabelColumn}'");

        var featureCount = columns - 1;
        var features = new List<float>();
        var labels = new List<int>();
        var maxLabel = -1;

        while (reader.Read())
        {
            var line = reader.LineNumber;
            if (reader.FieldCount != columns)
                throw RaggedRow(file, line, header, reader.FieldCount);

            for (var c = 0; c < featureCount; c++)
                features.Add(ParseFeature(reader, c, file, line, header[c]));

            var label = ParseLabel(reader, featureCount, file, line);
            labels.Add(label);
            maxLabel = Math.Max(maxLabel, label);
        }

        if (labels.Count == 0)
            throw new DataFormatException($"{file}: has a header but no data rows");

        return new Dataset(features.ToArray(), labels.ToArray(), featureCount, maxLabel + 1, path);
    }

    private static float ParseFeature(CsvReader reader, int index, string file, long line, string name)
    {
        if (!reader.TryParse<float>(index, out var value))
            throw new DataFormatException($"{Where(file, line, index + 1, name)}: '{Clip(reader.GetString(index))}' is not a number");
        // Parsing accepts "NaN"/"Infinity" and overflows to infinity; any of those would poison training silently.
        if (!float.IsFinite(value))
            throw new DataFormatException($"{Where(file, line, index + 1, name)}: '{Clip(reader.GetString(index))}' is not a finite number");
        return value;
    }

    private static int ParseLabel(CsvReader reader, int index, string file, long line)
    {
        if (!reader.TryParse<int>(index, out var label) || label < 0)
            throw new DataFormatException(
                $"{Where(file, line, index + 1, LabelColumn)}: '{Clip(reader.GetString(index))}' is not a non-negative integer class label");
        return label;
    }

    private static DataFormatException RaggedRow(string file, long line, IReadOnlyList<string> header, int found)
    {
        var expected = header.Count;
        var detail = found < expected
            ? $"column {found + 1} ({header[found]}) onwards is missing"
            : $"column {expected + 1} onwards has no header name";
        return new DataFormatException(
            $"{file} line {line}: expected {expected} columns as named in the header, found {found}; {detail}");
    }

    private static string Where(string file, long line, int column, string name) =>
        $"{file} line {line}, column {column} ({name})";

    // A runaway cell (e.g. a missing closing quote swallowing the file) must not flood the message.
    private static string Clip(string cell) => cell.Length <= 40 ? cell : cell[..40] + "…";
}
