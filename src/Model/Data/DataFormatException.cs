namespace Orleans.Tuning.Model.Data;

/// <summary>Bad input data: the message names the file and, where it applies, the line and column.</summary>
public sealed class DataFormatException(string message) : Exception(message);
