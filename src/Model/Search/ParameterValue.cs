using System.Globalization;

namespace Orleans.Tuning.Model.Search;

/// <summary>One hyperparameter value: an exact number, or the name of a categorical choice.</summary>
public readonly record struct ParameterValue
{
    private readonly double number;
    private readonly string? choice;

    private ParameterValue(double number, string? choice)
    {
        this.number = number;
        this.choice = choice;
    }

    public static implicit operator ParameterValue(double number) => new(number, null);

    public static implicit operator ParameterValue(string choice) =>
        new(0, choice ?? throw new ArgumentNullException(nameof(choice)));

    public bool IsChoice => choice is not null;

    public double Number => choice is null
        ? number
        : throw new InvalidOperationException($"'{choice}' is a categorical choice, not a number");

    public string Choice => choice
        ?? throw new InvalidOperationException($"{this} is a number, not a categorical choice");

    public override string ToString() => choice ?? number.ToString(CultureInfo.InvariantCulture);
}
