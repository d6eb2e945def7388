using Orleans.Tuning.Grains;
using Orleans.Tuning.Model.Data;
using Orleans.Tuning.Model.Specs;
using Spectre.Console;

namespace Orleans.Tuning.Client.Specs;

/// <summary>Loads and checks the dataset a valid spec names, before any study exists, printing every problem as spec errors are printed.</summary>
internal static class StudyData
{
    /// <summary>
    /// One line describing the study's data once it loaded and passed its checks (or the synthetic objective, which has none to load),
    /// or null after the problems were printed (the command then exits with <see cref="ExitCodes.InvalidSpec"/>).
    /// </summary>
    /// <param name="cache">Where the loaded data is kept; the embedded silo trains from the same cache, so checking costs no second load.</param>
    public static string? Check(StudySpec spec, DatasetCache cache, IAnsiConsole console)
    {
        if (spec.Data.Synthetic is { } name)
        {
            var f = Model.Synthetic.SyntheticObjective.All[name];
            return $"Objective: {f.Name}, a synthetic function of {f.Space.Count} arguments with minimum {f.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture)}; no data to load.";
        }
        return TryLoad(spec, cache, console) is { } data ? Describe(data) : null;
    }

    private static PreparedDataset? TryLoad(StudySpec spec, DatasetCache cache, IAnsiConsole console)
    {
        var name = DatasetSource.DisplayName(spec.Data.Path, spec.Data.LabelsPath);
        try
        {
            var reference = DataReference.Of(spec);
            // A spinner while a large dataset loads; a log (CI, a pipe) gets the result lines only.
            return console.Profile.Capabilities.Interactive
                ? console.Status().Start($"loading and checking {name}", _ => cache.Get(reference))
                : cache.Get(reference);
        }
        catch (DataFormatException e)
        {
            foreach (var problem in e.Problems)
                console.PlainLine(problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.PlainLine($"{name}: cannot read the data: {e.Message}");
        }
        return null;
    }

    private static string Describe(PreparedDataset data) =>
        $"Data: {data.Rows} rows ({data.Train.Count} training, {data.Validation.Count} validation, {data.Test?.Count ?? 0} test), " +
        $"{data.FeatureCount} features, {data.ClassCount} classes.";
}
