using Orleans.Tuning.Grains.Studies;

namespace Orleans.Tuning.Client.Results;

/// <summary>Writes a study's result files (data, then plots) into one folder, each atomically.</summary>
internal static class ResultsFolder
{
    public const string CsvName = "results.csv";
    public const string BestName = "best.json";

    /// <param name="step">Told each file as it is made: plots take a few seconds.</param>
    /// <returns>The paths written.</returns>
    public static IReadOnlyList<string> Write(string folder, StudyResults results, string objective, Action<string>? step = null)
    {
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, CsvName);
        var best = Path.Combine(folder, BestName);
        AtomicFile.Write(csv, stream => ResultsCsv.Write(stream, results.Rows));
        AtomicFile.Write(best, stream => BestJson.Write(stream, results, objective));
        return [csv, best, .. Reports.StudyReport.Write(folder, results, step ?? (_ => { }))];
    }
}
