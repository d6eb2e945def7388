using Orleans.Tuning.Display;
using Orleans.Tuning.Model.Specs;

namespace Orleans.Tuning.Display.Tests;

public class ScaledTextTests
{
    [Theory]
    [InlineData(0.0010851604640015153, "1.09e-3")]
    [InlineData(1e-8, "1e-8")]
    [InlineData(0.009996, "1e-2")]
    [InlineData(0.0123, "1.23e-2")]
    [InlineData(3.5, "3.5e0")]
    public void A_log_dimension_shows_three_significant_digits_and_its_decade(double value, string expected) =>
        Assert.Equal(expected, ScaledText.Format(value, ScaleKind.Log));

    [Theory]
    [InlineData(0.9, "0.9")]
    [InlineData(0.999, "0.999")]
    [InlineData(0.99912345, "0.99912")]
    [InlineData(0.9500001, "0.95")]
    public void A_one_minus_log_dimension_keeps_the_digits_that_tell_beta_from_one(double value, string expected) =>
        Assert.Equal(expected, ScaledText.Format(value, ScaleKind.OneMinusLog));

    [Fact]
    public void Integers_choices_and_linear_values_read_plainly()
    {
        Assert.Equal("64", ScaledText.Format(64.0, ScaleKind.IntLog));
        Assert.Equal("adam", ScaledText.Format("adam", ScaleKind.Categorical));
        Assert.Equal("0.1235", ScaledText.Format(0.123456789, ScaleKind.Linear));
        Assert.Equal("0.1235", ScaledText.Format(0.123456789, null));
    }
}
