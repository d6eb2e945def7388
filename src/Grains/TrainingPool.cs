using Microsoft.Extensions.Options;
using Orleans.Tuning.Model.LinearAlgebra;

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
/// A slot with no round to run is lent to a running round (it joins the round's <see cref="Crew"/>,
/// the round with the fewest helpers first), so a lone trial trains on every idle core. A lent slot
/// is still free: a round that arrives recalls it, and it is back within one part of a step (well
/// under a millisecond on the networks we train).
/// </remarks>
public sealed class TrainingPool : IDisposable
{
    // A plain monitor-guarded queue: idle training threads block without spinning, which on a
    // two-core machine would take the CPU from the grains that are handing them work.
    private readonly Queue<WorkItem> _queue = new();
    private readonly Thread[] _threads;
    private readonly List<Crew> _crews = []; // of the rounds running now
    private int _busy;
    private int _queued;                     // _queue.Count, readable without the lock by lent slots deciding whether to come back
    private bool _disposed;

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
    public int FreeSlots
    {
        get { lock (_queue) return Math.Max(0, Slots - _busy - _queue.Count); }
    }

    public Task<T> Run<T>(Func<T> work, CancellationToken cancellation = default)
    {
        var item = new WorkItem<T>(work, cancellation);
        lock (_queue)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _queue.Enqueue(item);
            Volatile.Write(ref _queued, _queue.Count);
            Monitor.Pulse(_queue);
            foreach (var crew in _crews) crew.Wake(); // a lent slot may be the only one to take it
        }
        return item.Completion.Task;
    }

    public void Dispose()
    {
        lock (_queue)
        {
            _disposed = true;
            Monitor.PulseAll(_queue);
            foreach (var crew in _crews) crew.Wake();
        }
    }

    private void Work()
    {
        while (true)
        {
            WorkItem? item = null;
            Crew? lendTo = null;
            lock (_queue)
            {
                while (_queue.Count == 0 && !_disposed && (lendTo = _crews.MinBy(c => c.Size)) is null) Monitor.Wait(_queue);
                if (_queue.Count > 0)
                {
                    item = _queue.Dequeue();
                    Volatile.Write(ref _queued, _queue.Count);
                    _busy++;
                }
                else if (_disposed) return;
            }
            if (item is not null) Train(item);
            else lendTo!.Help(recalled: () => Volatile.Read(ref _queued) > 0 || Volatile.Read(ref _disposed));
        }
    }

    private void Train(WorkItem item)
    {
        using var crew = Crew.Lead();
        lock (_queue)
        {
            _crews.Add(crew.Crew);
            Monitor.PulseAll(_queue); // idle slots join it
        }
        try { item.Execute(); }
        finally
        {
            lock (_queue)
            {
                _crews.Remove(crew.Crew);
                _busy--;
            }
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
