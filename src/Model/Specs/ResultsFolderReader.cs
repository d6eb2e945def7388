using System.Globalization;
using CsvHelper;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Reads the trials of an earlier study from the results.csv that <c>tune run</c> or <c>tune export</c> wrote in its folder.</summary>
internal static class ResultsFolderReader
{
    public const string CsvName = "results.csv";
    private const string HyperparameterPrefix = "hp_";

    /// <summary>Each trial's last reported round, by trial number; a problem with the folder or its file as an <see cref="IOException"/>, message for the user.</summary>
    public static IReadOnlyList<EarlierTrial> Read(string folder)
    {
        if (!Directory.Exists(folder))
            throw new IOException($"folder not found: {folder}");
        var path = Path.Combine(folder, CsvName);
        if (!File.Exists(path))
            throw new IOException($"no {CsvName} in {folder} (a folder written by tune run or tune export)");
        var options = CsvReaderOptions.Default with { Separator = ',', HasHeader = true, FormatProvider = CultureInfo.InvariantCulture, TrackLineNumbers = true };
        using var reader = CsvReader.FromFile(path, options);
        var header = reader.Headers.ToList();
        int Column(string name) => header.IndexOf(name) is var i and >= 0 ? i : throw new IOException($"{path}: no '{name}' column; is it a results.csv of tune?");
        var (trial, kind, loss, accuracy, failure) = (Column("trial"), Column("kind"), Column("validation_loss"), Column("validation_accuracy"), Column("failure"));
        var hyperparameters = header.Select((h, i) => (Name: h, Index: i)).Where(h => h.Name.StartsWith(HyperparameterPrefix, StringComparison.Ordinal)).ToList();
        var last = new SortedDictionary<int, EarlierTrial>();
        try
        {
            while (reader.Read())
            {
                var number = int.Parse(reader.GetString(trial), CultureInfo.InvariantCulture);
                var values = hyperparameters
                    .Select(h => (Name: h.Name[HyperparameterPrefix.Length..], Text: reader.GetString(h.Index)))
                    .Where(v => v.Text.Length > 0)
                    .ToDictionary(v => v.Name, v => v.Text);
                // Rows come in round order, so the last one a trial has is its last round.
                last[number] = new EarlierTrial(number, reader.GetString(kind), Number(reader.GetString(accuracy)), Number(reader.GetString(loss)),
                    reader.GetString(failure), values);
            }
        }
        catch (Exception e) when (e is FormatException or CsvFormatException or OverflowException)
        {
            throw new IOException($"{path} line {reader.LineNumber}: {e.Message}");
        }
        return [.. last.Values];
    }

    // A diverged trial writes NaN or infinity; it is dropped later by its score.
    private static double Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN;
}
