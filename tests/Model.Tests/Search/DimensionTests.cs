using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Search;

public class DimensionTests
{
    [Theory]
    [InlineData("linear", 1, 1, "layers: min must be < max")]
    [InlineData("linear", 2, 1, "layers: min must be < max")]
    [InlineData("linear", double.NaN, 1, "layers: bounds must be finite")]
    [InlineData("log", 0, 1, "layers: min must be > 0 on a log scale")]
    [InlineData("log", -1, 1, "layers: min must be > 0 on a log scale")]
    [InlineData("one-minus-log", 0, 0.9, "layers: bounds must lie in (0, 1) on a one-minus-log scale")]
    [InlineData("one-minus-log", 0.9, 1, "layers: bounds must lie in (0, 1) on a one-minus-log scale")]
    [InlineData("one-minus-log", 0.99, 0.9, "layers: min must be < max")]
    [InlineData("int", 1.5, 4, "layers: bounds must be integers")]
    [InlineData("int", 1, 4.5, "layers: bounds must be integers")]
    [InlineData("int", 4, 4, "layers: min must be < max")]
    [InlineData("int", 0, 1e12, "layers: bounds must fit in a 32-bit integer")]
    [InlineData("int-log", 0, 1024, "layers: min must be >= 1 on an int-log scale")]
    [InlineData("int-log", 16, 1024.5, "layers: bounds must be integers")]
    public void Each_invalid_bound_is_rejected_with_a_message_naming_the_dimension(string kind, double min, double max, string message)
    {
        Func<Dimension> build = kind switch
        {
            "linear" => () => Dimension.Linear("layers", min, max),
            "log" => () => Dimension.Log("layers", min, max),
            "one-minus-log" => () => Dimension.OneMinusLog("layers", min, max),
            "int" => () => Dimension.Int("layers", min, max),
            "int-log" => () => Dimension.IntLog("layers", min, max),
            _ => throw new ArgumentException(kind),
        };

        var error = Assert.Throws<SearchSpaceException>(build);

        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void Log_scale_error_reads_as_the_spec_path_would()
    {
        var error = Assert.Throws<SearchSpaceException>(() => Dimension.Log("learning_rate", 0, 1));

        Assert.Equal("learning_rate: min must be > 0 on a log scale", error.Message);
    }

    [Fact]
    public void Categorical_without_choices_is_rejected()
    {
        var error = Assert.Throws<SearchSpaceException>(() => Dimension.Categorical("optimizer"));

        Assert.Equal("optimizer: needs at least one choice", error.Message);
    }

    [Fact]
    public void Categorical_with_a_duplicate_choice_is_rejected()
    {
        var error = Assert.Throws<SearchSpaceException>(() => Dimension.Categorical("optimizer", "adam", "sgd", "adam"));

        Assert.Equal("optimizer: duplicate choice 'adam'", error.Message);
    }

    [Fact]
    public void A_dimension_needs_a_name()
    {
        Assert.Throws<SearchSpaceException>(() => Dimension.Linear(" ", 0, 1));
    }
}
