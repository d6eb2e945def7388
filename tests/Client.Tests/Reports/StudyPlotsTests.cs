using Orleans.Tuning.Client.Reports;
using Orleans.Tuning.Client.Tests.Results;
using SkiaSharp;

namespace Orleans.Tuning.Client.Tests.Reports;

public class StudyPlotsTests
{
    [Fact]
    public void Every_plot_is_a_png_of_the_plot_size_written_atomically()
    {
        using var dir = new TempDirectory();

        var paths = StudyPlots.Write(dir.FullPath, StudyPlots.Render(SampleStudy.Results()));

        Assert.Equal(
            ["history.png", "hyperparameter-beta1.png", "hyperparameter-learning_rate.png", "hyperparameter-optimizer.png",
             "importance.png", "learning-curves.png", "parallel-coordinates.png"],
            paths.Select(Path.GetFileName).Order());
        foreach (var path in paths)
        {
            var bytes = File.ReadAllBytes(path);
            Assert.Equal(SKEncodedImageFormat.Png, SKCodec.Create(new MemoryStream(bytes)).EncodedFormat);
            using var image = SKBitmap.Decode(bytes);
            Assert.Equal((PlotFile.Width, PlotFile.Height), (image.Width, image.Height));
        }
        Assert.Empty(Directory.GetFiles(dir.FullPath, "*.tmp"));
    }

    [Fact]
    public void A_study_where_nothing_learned_has_no_plots()
    {
        Assert.Empty(StudyPlots.Render(SampleResults.Results() with { Rows = [] }));
    }

    [Fact]
    public void Without_the_searched_space_only_the_history_and_the_curves_are_drawn()
    {
        Assert.Equal(["history.png", "learning-curves.png"], StudyPlots.Render(SampleResults.Results()).Select(p => p.FileName));
    }

    [Fact]
    public void Each_plot_is_announced_before_it_is_drawn()
    {
        var steps = new List<string>();

        var plots = StudyPlots.Render(SampleStudy.Results(), steps.Add);

        Assert.Equal(plots.Select(p => p.FileName), steps);
    }
}
