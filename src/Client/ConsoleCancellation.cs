namespace Orleans.Tuning.Client;

/// <summary>The first Ctrl-C asks the command to stop cleanly (a study is cancelled and its results still written); a second one ends the process at once.</summary>
internal sealed class ConsoleCancellation : IDisposable
{
    private readonly CancellationTokenSource source = new();

    public ConsoleCancellation() => Console.CancelKeyPress += OnCancelKeyPress;

    public CancellationToken Token => source.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        source.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        if (source.IsCancellationRequested)
            return; // e.Cancel stays false: the runtime terminates the process.
        e.Cancel = true;
        Console.Error.WriteLine("cancelling; results so far will be written (Ctrl-C again to abort)");
        source.Cancel();
    }
}
