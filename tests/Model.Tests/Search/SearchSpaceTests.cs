using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Search;

public class SearchSpaceTests
{
    private static readonly SearchSpace Space = new(
    [
        Dimension.Log("learning_rate", 1e-4, 1),
        Dimension.OneMinusLog("beta", 0.9, 0.999),
        Dimension.IntLog("hidden_units", 16, 1024),
        Dimension.Int("layers", 1, 4),
        Dimension.Categorical("optimizer", "momentum", "rmsprop", "adam"),
    ]);

    [Fact]
    public void A_unit_cube_point_becomes_a_configuration_in_dimension_order()
    {
        var configuration = Space.ToConfiguration([0.25, 0.5, 0, 1, 0.99]);

        Assert.Equal(["learning_rate", "beta", "hidden_units", "layers", "optimizer"], configuration.Entries.Select(e => e.Key));
        Assert.Equal(1e-3, configuration.GetDouble("learning_rate"), 12);
        Assert.Equal(0.99, configuration.GetDouble("beta"), 12);
        Assert.Equal(16, configuration.GetInt("hidden_units"));
        Assert.Equal(4, configuration.GetInt("layers"));
        Assert.Equal("adam", configuration.GetString("optimizer"));
    }

    [Fact]
    public void A_configuration_round_trips_through_the_unit_cube()
    {
        var configuration = Space.ToConfiguration([0.3, 0.7, 0.42, 0.1, 0.5]);

        Assert.Equal(configuration, Space.ToConfiguration(Space.ToUnit(configuration)));
    }

    [Fact]
    public void Configurations_are_equal_by_value_and_read_plainly()
    {
        var a = Space.ToConfiguration([0.5, 0.5, 0.5, 0.5, 0.5]);
        var b = Space.ToConfiguration([0.5, 0.5, 0.5, 0.5, 0.5]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, Space.ToConfiguration([0.5, 0.5, 0.5, 0.5, 0.1]));
    }

    [Fact]
    public void A_configuration_reads_as_name_equals_value()
    {
        var configuration = new Configuration(
        [
            KeyValuePair.Create("learning_rate", (ParameterValue)0.001),
            KeyValuePair.Create("layers", (ParameterValue)3),
            KeyValuePair.Create("optimizer", (ParameterValue)"adam"),
        ]);

        Assert.Equal("learning_rate=0.001, layers=3, optimizer=adam", configuration.ToString());
    }

    [Fact]
    public void Reading_a_value_as_the_wrong_kind_names_it()
    {
        var configuration = Space.ToConfiguration([0.25, 0.5, 0, 1, 0.99]);

        Assert.Contains("learning_rate", Assert.Throws<InvalidOperationException>(() => configuration.GetInt("learning_rate")).Message);
        Assert.Throws<InvalidOperationException>(() => configuration.GetString("layers"));
        Assert.Contains("momentum", Assert.Throws<KeyNotFoundException>(() => configuration.GetDouble("momentum")).Message);
    }

    [Fact]
    public void A_point_of_the_wrong_length_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => Space.ToConfiguration([0.5, 0.5]));
    }

    [Fact]
    public void A_space_rejects_duplicate_names_and_emptiness()
    {
        var error = Assert.Throws<SearchSpaceException>(() => new SearchSpace([Dimension.Linear("a", 0, 1), Dimension.Log("a", 1, 2)]));

        Assert.StartsWith("a: ", error.Message);
        Assert.Throws<SearchSpaceException>(() => new SearchSpace([]));
    }
}
