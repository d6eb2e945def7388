namespace Orleans.Tuning.Model.Search;

/// <summary>An invalid search space; the message starts with the dimension's name, e.g. <c>learning_rate: min must be &gt; 0 on a log scale</c>.</summary>
public sealed class SearchSpaceException(string message) : Exception(message);
