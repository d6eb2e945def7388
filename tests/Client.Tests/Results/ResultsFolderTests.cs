using System.Text.Json;
using Orleans.Tuning.Client.Results;

namespace Orleans.Tuning.Client.Tests.Results;

public class ResultsFolderTests
{
    [Fact]
    public void Results_csv_has_one_row_per_trial_and_round_with_a_column_per_hyperparameter()
    {
        using var dir = new TempDirectory();
        ResultsFolder.Write(dir.FullPath, SampleResults.Results(), "accuracy");

        var lines = File.ReadAllLines(Path.Combine(dir.FullPath, ResultsFolder.CsvName));

        Assert.Equal(
            "trial,kind,retest_of,generation,round,epochs,train_loss,validation_loss,validation_accuracy,learning_rate,score,decision,failure," +
            "hp_learning_rate,hp_optimizer,hp_momentum",
            lines[0]);
        Assert.Equal(1 + 4, lines.Length);
        Assert.Equal("0,trial,,0,2,10,0.5,0.6,0.8,0.01,0.8,stop,,0.01,sgd,", lines[2]);
        Assert.Equal("2,retest,1,0,1,5,0.45,0.35,0.9444,0.0123,0.9444,done,,0.0123,adam,0.9", lines[4]);
    }

    [Fact]
    public void Best_json_holds_the_winner_its_retests_the_ranking_and_the_regions()
    {
        using var dir = new TempDirectory();
        ResultsFolder.Write(dir.FullPath, SampleResults.Results(), "accuracy");

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullPath, ResultsFolder.BestName)));
        var root = json.RootElement;

        Assert.Equal("iris", root.GetProperty("study").GetString());
        Assert.Equal("iris-20250101T000000.000Z", root.GetProperty("id").GetString());
        Assert.Equal("panda", root.GetProperty("strategy").GetString());
        Assert.Equal("accuracy", root.GetProperty("objective").GetString());
        var best = root.GetProperty("best");
        Assert.Equal(1, best.GetProperty("trial").GetInt32());
        Assert.Equal(0.0123, best.GetProperty("hyperparameters").GetProperty("learning_rate").GetDouble());
        Assert.Equal("adam", best.GetProperty("hyperparameters").GetProperty("optimizer").GetString());
        Assert.Equal(0.9556, best.GetProperty("score").GetDouble());
        Assert.Equal(0.95, best.GetProperty("retest").GetProperty("mean").GetDouble());
        Assert.Equal(0.0111, best.GetProperty("retest").GetProperty("spread").GetDouble());
        Assert.Equal(2, best.GetProperty("retest").GetProperty("runs").GetInt32());
        Assert.Equal(0.9556, best.GetProperty("validation_accuracy").GetDouble());
        Assert.Equal(0.1234, best.GetProperty("validation_loss").GetDouble());
        Assert.Equal([1, 0], root.GetProperty("ranking").EnumerateArray().Select(r => r.GetProperty("trial").GetInt32()));
        Assert.Equal([0.9444], root.GetProperty("ranking")[0].GetProperty("retests").EnumerateArray().Select(r => r.GetDouble()));
        var region = root.GetProperty("regions")[0];
        Assert.Equal(0, region.GetProperty("generation").GetInt32());
        Assert.Equal(0.001, region.GetProperty("dimensions")[0].GetProperty("lower").GetDouble());
        Assert.Equal("sgd", region.GetProperty("dimensions")[1].GetProperty("upper").GetString());
    }

    [Fact]
    public void Best_json_of_a_study_without_results_has_a_null_best_and_survives_a_nan_loss()
    {
        using var dir = new TempDirectory();
        var results = SampleResults.Results() with
        {
            Status = SampleResults.Status(best: SampleResults.Best with { ValidationLoss = double.NaN }),
        };
        ResultsFolder.Write(dir.FullPath, results, "accuracy");
        var withNan = File.ReadAllText(Path.Combine(dir.FullPath, ResultsFolder.BestName));

        ResultsFolder.Write(dir.FullPath, results with { Status = SampleResults.Status() }, "loss");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullPath, ResultsFolder.BestName)));

        Assert.Contains("\"validation_loss\": \"NaN\"", withNan);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("best").ValueKind);
        Assert.Equal("loss", json.RootElement.GetProperty("objective").GetString());
    }

    [Fact]
    public void Writing_again_replaces_the_files_and_leaves_no_temporary_file()
    {
        using var dir = new TempDirectory();
        ResultsFolder.Write(dir.FullPath, SampleResults.Results(), "accuracy");
        var paths = ResultsFolder.Write(dir.FullPath, SampleResults.Results() with { Rows = [] }, "accuracy");

        // The plots and report.html are checked in Reports/.
        Assert.Equal(
            [ResultsFolder.BestName, ResultsFolder.CsvName],
            Directory.GetFiles(dir.FullPath).Where(f => Path.GetExtension(f) is not (".png" or ".html")).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.GetFiles(dir.FullPath, "*.tmp"));
        Assert.Single(File.ReadAllLines(paths[0]));
    }

    [Fact]
    public void A_failed_write_keeps_the_old_file_and_removes_the_temporary_one()
    {
        using var dir = new TempDirectory();
        var path = dir.File("results.csv", "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("new, half written"u8);
            throw new InvalidOperationException("disk on fire");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal(["results.csv"], Directory.GetFiles(dir.FullPath).Select(Path.GetFileName));
    }
}
