using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Tests.Search;

public class ScaleTests
{
    // Evenly spaced u's measure the mass a scale gives each range exactly, without sampling noise.
    private static IEnumerable<ParameterValue> ValuesOverUnitInterval(Scale scale, int count = 100_000) =>
        Enumerable.Range(0, count).Select(i => scale.ToValue((i + 0.5) / count));

    [Fact]
    public void LogScale_puts_equal_mass_in_each_decade()
    {
        var values = ValuesOverUnitInterval(new LogScale(1e-4, 1)).Select(v => v.Number).ToArray();

        var perDecade = values.GroupBy(v => Math.Min((int)Math.Floor(-Math.Log10(v)), 3)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(4, perDecade.Count);
        Assert.All(perDecade.Values, n => Assert.InRange(n / (double)values.Length, 0.249, 0.251));
    }

    [Fact]
    public void LinearScale_spends_90_percent_of_its_mass_between_0_1_and_1()
    {
        var values = ValuesOverUnitInterval(new LinearScale(1e-4, 1)).Select(v => v.Number).ToArray();

        Assert.InRange(values.Count(v => v >= 0.1) / (double)values.Length, 0.899, 0.901);
    }

    [Fact]
    public void OneMinusLogScale_gives_equal_mass_to_0_9_to_0_99_and_0_99_to_0_999()
    {
        var scale = new OneMinusLogScale(0.9, 0.999);

        Assert.Equal(0.5, scale.ToUnit(0.99), 12);
        var values = ValuesOverUnitInterval(scale).Select(v => v.Number).ToArray();
        Assert.Equal(values.Count(v => v < 0.99), values.Count(v => v >= 0.99));
    }

    [Fact]
    public void OneMinusLogScale_grows_with_u()
    {
        var scale = new OneMinusLogScale(0.9, 0.999);

        Assert.Equal(0.9, scale.ToValue(0).Number, 12);
        Assert.Equal(0.999, scale.ToValue(1).Number, 12);
    }

    public static TheoryData<Scale> ContinuousScales => new()
    {
        new LinearScale(-3, 7),
        new LogScale(1e-4, 1),
        new OneMinusLogScale(0.9, 0.9999),
    };

    [Theory]
    [MemberData(nameof(ContinuousScales))]
    public void Continuous_scales_round_trip_u_through_the_value(Scale scale)
    {
        for (var u = 0.0; u <= 1.0; u += 1.0 / 64)
            Assert.Equal(u, scale.ToUnit(scale.ToValue(u)), 9);
    }

    [Theory]
    [MemberData(nameof(ContinuousScales))]
    public void Continuous_scales_reach_exactly_their_bounds(Scale scale)
    {
        var (min, max) = scale switch
        {
            LinearScale s => (s.Min, s.Max),
            LogScale s => (s.Min, s.Max),
            OneMinusLogScale s => (s.Min, s.Max),
            _ => throw new ArgumentException("not continuous"),
        };
        Assert.Equal(min, scale.ToValue(0).Number, 12);
        Assert.Equal(max, scale.ToValue(1).Number, 12);
        Assert.All(ValuesOverUnitInterval(scale, 1000), v => Assert.InRange(v.Number, min, max));
    }

    public static TheoryData<IntegerScale> IntegerScales => new()
    {
        new IntScale(-2, 5),
        new IntLogScale(16, 1024),
        new IntLogScale(1, 3),
    };

    [Theory]
    [MemberData(nameof(IntegerScales))]
    public void Integer_scales_round_trip_every_integer_exactly(IntegerScale scale)
    {
        for (var k = scale.Min; k <= scale.Max; k++)
            Assert.Equal(k, scale.ToValue(scale.ToUnit(k)).Number);
    }

    [Theory]
    [MemberData(nameof(IntegerScales))]
    public void Integer_scales_yield_only_integers_and_reach_every_one(IntegerScale scale)
    {
        var values = ValuesOverUnitInterval(scale).Select(v => v.Number).Distinct().Order().ToArray();

        Assert.Equal(Enumerable.Range(scale.Min, (int)scale.Count).Select(k => (double)k), values);
    }

    [Fact]
    public void IntScale_gives_every_integer_equal_mass()
    {
        var scale = new IntScale(-2, 5);

        var counts = ValuesOverUnitInterval(scale, 80_000).GroupBy(v => v.Number).Select(g => g.Count());

        Assert.All(counts, n => Assert.Equal(10_000, n));
    }

    [Fact]
    public void IntLogScale_gives_each_doubling_about_equal_mass()
    {
        var values = ValuesOverUnitInterval(new IntLogScale(16, 1023)).Select(v => v.Number).ToArray();

        var perOctave = values.GroupBy(v => (int)Math.Floor(Math.Log2(v))).Select(g => g.Count() / (double)values.Length).ToArray();

        Assert.Equal(6, perOctave.Length);
        Assert.All(perOctave, share => Assert.InRange(share, 0.97 / 6, 1.03 / 6));
    }

    [Fact]
    public void CategoricalScale_round_trips_each_choice_and_gives_each_equal_mass()
    {
        var scale = new CategoricalScale(["sgd", "momentum", "rmsprop", "adam"]);

        Assert.All(scale.Choices, c => Assert.Equal(c, scale.ToValue(scale.ToUnit(c)).Choice));
        var counts = ValuesOverUnitInterval(scale).GroupBy(v => v.Choice).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(scale.Choices.Order(), counts.Keys.Order());
        Assert.All(counts.Values, n => Assert.Equal(25_000, n));
    }

    [Fact]
    public void Scales_are_compared_by_value()
    {
        Assert.Equal(new LogScale(1e-4, 1), new LogScale(1e-4, 1));
        Assert.NotEqual(new LogScale(1e-4, 1), new LogScale(1e-5, 1));
        Assert.Equal(new CategoricalScale(["a", "b"]), new CategoricalScale(["a", "b"]));
        Assert.NotEqual(new CategoricalScale(["a", "b"]), new CategoricalScale(["b", "a"]));
    }

    [Fact]
    public void ToValue_rejects_u_outside_the_unit_interval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearScale(0, 1).ToValue(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinearScale(0, 1).ToValue(double.NaN));
    }

    [Fact]
    public void ToUnit_rejects_a_value_outside_the_bounds_or_of_the_wrong_kind()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LogScale(1e-4, 1).ToUnit(2.0));
        Assert.Throws<ArgumentException>(() => new IntScale(1, 5).ToUnit(2.5));
        Assert.Throws<ArgumentException>(() => new CategoricalScale(["a"]).ToUnit("b"));
        Assert.Throws<InvalidOperationException>(() => new LinearScale(0, 1).ToUnit("a"));
    }
}
