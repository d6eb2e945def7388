using System.Runtime.CompilerServices;
namespace Orleans.Tuning.Model.LinearAlgebra;

/// <summary>The cores working on one training round: the round's own thread (the leader) and idle cores lent to it.</summary>
/// <remarks>
/// The leader splits a step (a matrix product, a batch-norm pass, an optimizer update) into parts;
/// helpers claim parts one at a time, so a helper can join or leave between any two parts and the
/// leader does whatever nobody else claimed. Every split in the network is by rows or columns of an
/// output, never through a sum, so each number is computed the same way whoever computes it: results
/// do not depend on how many cores were lent (the tests hold the network to that, bit for bit).
/// Helpers spin briefly between steps (a step is tens of microseconds to a millisecond; waking a
/// blocked thread costs about as much), then block until the next step or until recalled.
/// </remarks>
public sealed class Crew
{
    [ThreadStatic] private static Crew? t_current;

    private static readonly TimeSpan SpinBeforeBlocking = TimeSpan.FromMilliseconds(0.2);

    // Spinning never yields: on a busy machine a yield hands the core to another process for a whole time slice.
    private const int Pause = 16;

    private readonly object _gate = new();
    private long _ticket;       // (step << 32) | next unclaimed part: a claim is a compare-and-swap on both at once
    private Action<object, int, int>? _body;
    private object? _state;
    private int _parts;
    private int _finished;      // parts of the current step done, by anyone
    private int _helpers;
    private long _partsByHelpers;
    private Exception? _failure;  // the first part of the current step that threw
    private int _sleepers;
    private volatile bool _closed;

    /// <summary>The crew of the round running on this thread, or null outside a round (everything then runs on this thread).</summary>
    public static Crew? Current => t_current;

    /// <summary>Parts that lent cores have run for this crew so far.</summary>
    public long PartsByHelpers => Interlocked.Read(ref _partsByHelpers);

    /// <summary>Cores working on the round now: the leader and its helpers.</summary>
    public int Size => 1 + Volatile.Read(ref _helpers);

    /// <summary>Makes a new crew the current one on this thread until the returned scope is disposed; then its helpers are released.</summary>
    public static Scope Lead()
    {
        var crew = new Crew();
        var previous = t_current;
        t_current = crew;
        return new Scope(crew, previous);
    }

    /// <summary>How many parts to split <paramref name="work"/> units of work into, given that a part should hold at least <paramref name="minimumPerPart"/>.</summary>
    /// <remarks>One part (no split) outside a round, without helpers, or when the work is too small for a split to pay.</remarks>
    public static int PartsFor(long work, long minimumPerPart)
    {
        var crew = t_current;
        if (crew is null) return 1;
        return (int)Math.Clamp(work / Math.Max(1, minimumPerPart), 1, crew.Size);
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> of [0, length), cut at multiples of <paramref name="grain"/>.</summary>
    public static (int From, int To) Slice(int length, int grain, int part, int parts)
    {
        var grains = (length + grain - 1) / grain;
        var from = Math.Min(length, (int)((long)grains * part / parts) * grain);
        var to = Math.Min(length, (int)((long)grains * (part + 1) / parts) * grain);
        return (from, to);
    }

    /// <summary>Runs body(state, part, parts) for every part, on the crew of this thread when there is one; returns when all are done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int parts, object state, Action<object, int, int> body)
    {
        var crew = t_current;
        if (parts <= 1 || crew is null || crew.Size == 1)
        {
            for (var p = 0; p < parts; p++) body(state, p, parts);
            return;
        }
        crew.Share(parts, state, body);
    }

    /// <summary>Called by an idle core: works on this crew's steps until the crew's round ends or <paramref name="recalled"/> says the core is wanted back.</summary>
    /// <remarks>Returns within one part of being recalled, provided whoever recalls also calls <see cref="Wake"/>.</remarks>
    public void Help(Func<bool> recalled)
    {
        Interlocked.Increment(ref _helpers);
        try
        {
            var seen = Step(Volatile.Read(ref _ticket));
            WorkOn(seen, helping: true); // a step may be under way as we join
            while (!_closed && !recalled())
            {
                if (!WaitForStep(seen, recalled)) continue; // closed or recalled: the loop ends
                seen = Step(Volatile.Read(ref _ticket));
                WorkOn(seen, helping: true);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _helpers);
        }
    }

    /// <summary>Wakes blocked helpers so that they look at their recall condition again.</summary>
    public void Wake()
    {
        lock (_gate) Monitor.PulseAll(_gate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Share(int parts, object state, Action<object, int, int> body)
    {
        // The step's body is written before its number is published; a helper reads the number first,
        // then the body, and its claim only succeeds while that number is still the current step.
        _body = body;
        _state = state;
        _parts = parts;
        Volatile.Write(ref _finished, 0);
        var step = Step(_ticket) + 1;
        Interlocked.Exchange(ref _ticket, (long)step << 32);
        if (Volatile.Read(ref _sleepers) > 0) Wake();

        WorkOn(step, helping: false);
        while (Volatile.Read(ref _finished) < parts) Thread.SpinWait(Pause);
        _body = null;
        _state = null;
        // A part that threw on a helper fails the round on the leader's thread, as it would have alone.
        if (Interlocked.Exchange(ref _failure, null) is { } failure) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
    }

    // Claims and runs parts of the given step until none is left (or the step is no longer current).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WorkOn(int step, bool helping)
    {
        var body = _body;
        var state = _state;
        var parts = _parts;
        while (true)
        {
            var ticket = Volatile.Read(ref _ticket);
            if (Step(ticket) != step) return;
            var part = (int)(ticket & 0xFFFFFFFF);
            if (part >= parts) return;
            if (Interlocked.CompareExchange(ref _ticket, ticket + 1, ticket) != ticket) continue;
            try
            {
                body!(state!, part, parts);
                if (helping) Interlocked.Increment(ref _partsByHelpers);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _failure, e, null);
            }
            finally
            {
                Interlocked.Increment(ref _finished);
            }
        }
    }

    // Spins, then blocks, until a step after `seen` is published; false when woken without one (closed or recalled).
    private bool WaitForStep(int seen, Func<bool> recalled)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < SpinBeforeBlocking)
        {
            if (Step(Volatile.Read(ref _ticket)) != seen) return true;
            if (_closed || recalled()) return false;
            Thread.SpinWait(Pause);
        }
        lock (_gate)
        {
            // Counted as a sleeper before the last look, so a step published after that look finds us to wake (both sides fence).
            Interlocked.Increment(ref _sleepers);
            try
            {
                while (Step(Volatile.Read(ref _ticket)) == seen && !_closed && !recalled()) Monitor.Wait(_gate);
            }
            finally
            {
                Interlocked.Decrement(ref _sleepers);
            }
        }
        return Step(Volatile.Read(ref _ticket)) != seen;
    }

    private static int Step(long ticket) => (int)(ticket >> 32);

    /// <summary>The time a crew leads its round; disposing it sends the helpers back to their pool.</summary>
    public readonly struct Scope(Crew crew, Crew? previous) : IDisposable
    {
        public Crew Crew => crew;

        public void Dispose()
        {
            t_current = previous;
            crew._closed = true;
            crew.Wake();
        }
    }
}
