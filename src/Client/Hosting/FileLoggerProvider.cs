using Microsoft.Extensions.Logging;

namespace Orleans.Tuning.Client.Hosting;

/// <summary>Appends log lines to one file, so the embedded silo's warnings neither garble the live view nor get lost.</summary>
internal sealed class FileLoggerProvider(string path) : ILoggerProvider
{
    private readonly Lazy<StreamWriter> writer = new(() =>
        new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true });
    private readonly Lock gate = new();

    public ILogger CreateLogger(string categoryName) => new FileLogger(this, categoryName);

    public void Dispose()
    {
        if (writer.IsValueCreated)
            writer.Value.Dispose();
    }

    private void Write(string line)
    {
        lock (gate)
            writer.Value.WriteLine(line);
    }

    private sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{DateTime.UtcNow:O} {logLevel} {category}: {formatter(state, exception)}";
            provider.Write(exception is null ? line : $"{line}{Environment.NewLine}{exception}");
        }
    }
}
