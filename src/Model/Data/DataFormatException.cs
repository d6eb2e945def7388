namespace Orleans.Tuning.Model.Data;

/// <summary>Bad input data: each problem names the file and, where it applies, the line and column.</summary>
/// <remarks>A loader stops at the first unreadable cell, but the checks after loading see the whole
/// dataset and report every problem they find at once, so a user fixes them in one pass.</remarks>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string message) : this([message]) { }

    public DataFormatException(IReadOnlyList<string> problems) : base(string.Join("; ", problems))
    {
        if (problems.Count == 0) throw new ArgumentException("at least one problem", nameof(problems));
        Problems = problems;
    }

    public IReadOnlyList<string> Problems { get; }
}
