using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace Orleans.Tuning.Grains;

/// <summary>How many rounds a silo trains at once.</summary>
public sealed class TrainingPoolOptions
{
    /// <summary>Concurrent training slots; one per core by default, since each round keeps one core busy.</summary>
    public int Slots { get; set; } = Environment.ProcessorCount;
}

/// <summary>A silo-wide pool of dedicated threads that run training rounds off the Orleans scheduler.</summary>
/// <remarks>
/// A grain turn must stay short, and Orleans runs grain turns on the .NET thread pool: a round that
/// kept a pool thread for seconds would starve every other grain on the silo. Rounds queue here in
/// arrival order and the grain awaits the result, free to answer status calls meanwhile.
/// </remarks>
public sealed class TrainingPool : IDisposable
{
    private readonly Channel<WorkItem> _queue = Channel.CreateUnbounded<WorkItem>();
    private readonly Thread[] _threads;
    private int _busy;

    public TrainingPool(IOptions<TrainingPoolOptions> options)
    {
        var slots = options.Value.Slots;
        if (slots < 1) throw new ArgumentOutOfRangeException(nameof(options), $"training slots must be ≥ 1, got {slots}");
        _threads = new Thread[slots];
        for (var i = 0; i < slots; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"training-{i}" };
            _threads[i].Start();
        }
    }

    public int Slots => _threads.Length;

    /// <summary>Slots not training right now (queued work counts against them).</summary>
    public int FreeSlots => Math.Max(0, Slots - Volatile.Read(ref _busy) - _queue.Reader.Count);

    public Task<T> Run<T>(Func<T> work, CancellationToken cancellation = default)
    {
        var item = new WorkItem<T>(work, cancellation);
        if (!_queue.Writer.TryWrite(item)) throw new ObjectDisposedException(nameof(TrainingPool));
        return item.Completion.Task;
    }

    public void Dispose() => _queue.Writer.TryComplete();

    private void Work()
    {
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            if (!_queue.Reader.TryRead(out var item)) continue;
            Interlocked.Increment(ref _busy);
            try { item.Execute(); }
            finally { Interlocked.Decrement(ref _busy); }
        }
    }

    private abstract class WorkItem
    {
        public abstract void Execute();
    }

    private sealed class WorkItem<T>(Func<T> work, CancellationToken cancellation) : WorkItem
    {
        // Continuations must not run inline on a training thread: they belong to the grain's scheduler.
        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Execute()
        {
            if (cancellation.IsCancellationRequested) { Completion.TrySetCanceled(cancellation); return; }
            try { Completion.TrySetResult(work()); }
            catch (Exception e) { Completion.TrySetException(e); }
        }
    }
}
