using CsvHelper;
using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Results;

/// <summary>results.csv: one row per trial and round, for pandas, R or a spreadsheet; <c>failure</c> says why a trial ended without a result.</summary>
/// <remarks>
/// Hyperparameter columns carry an <c>hp_</c> prefix: <c>learning_rate</c> is already the column of the
/// rate in effect that round (decay, panda nudges), and is usually a searched hyperparameter too.
/// </remarks>
internal static class ResultsCsv
{
    public const string HyperparameterPrefix = "hp_";

    private static readonly string[] FixedColumns =
    [
        "trial", "kind", "retest_of", "generation", "round", "epochs", "train_loss", "validation_loss",
        "validation_accuracy", "learning_rate", "score", "decision", "failure",
    ];

    public static void Write(Stream stream, IReadOnlyList<ResultRow> rows)
    {
        // Trials may differ in what they set (a population member copies, a panda trial changes course): take the union, in order of appearance.
        var names = rows.SelectMany(r => r.Hyperparameters.Entries.Select(e => e.Key)).Distinct().ToArray();

        using var csv = CsvWriter.Create(stream, CsvWriterOptions.Default, leaveOpen: true);
        csv.WriteHeader([.. FixedColumns, .. names.Select(n => HyperparameterPrefix + n)]);
        foreach (var row in rows)
        {
            csv.WriteField(row.Trial, default);
            csv.WriteField(row.Kind);
            csv.WriteField(row.RetestOf, default);
            csv.WriteField(row.Generation, default);
            csv.WriteField(row.Round, default);
            csv.WriteField(row.Epochs, default);
            csv.WriteField(row.TrainLoss, default);
            csv.WriteField(row.ValidationLoss, default);
            csv.WriteField(row.ValidationAccuracy, default);
            csv.WriteField(row.LearningRate, default);
            csv.WriteField(row.Score, default);
            csv.WriteField(row.Decision);
            csv.WriteField(row.Failure);
            var values = row.Hyperparameters.Entries.ToDictionary(e => e.Key, e => e.Value.ToString());
            foreach (var name in names)
                csv.WriteField(values.GetValueOrDefault(name));
            csv.EndRecord();
        }
        csv.Flush();
    }
}
