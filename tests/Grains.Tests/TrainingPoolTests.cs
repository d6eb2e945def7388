using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Orleans.Tuning.Model.LinearAlgebra;

namespace Orleans.Tuning.Grains.Tests;

public class TrainingPoolTests
{
    [Fact]
    public async Task The_pool_never_trains_more_rounds_at_once_than_it_has_slots()
    {
        using var pool = new TrainingPool(Options.Create(new TrainingPoolOptions { Slots = 2 }));
        var running = 0;
        var peak = 0;
        var rounds = Enumerable.Range(0, 12).Select(i => pool.Run(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
            return i;
        })).ToList();
        Assert.Equal(Enumerable.Range(0, 12), await Task.WhenAll(rounds));
        Assert.Equal(2, peak);
    }

    [Fact]
    public async Task Rounds_run_on_the_pools_own_threads_not_the_callers()
    {
        using var pool = new TrainingPool(Options.Create(new TrainingPoolOptions { Slots = 1 }));
        var name = await pool.Run(() => Thread.CurrentThread.Name);
        Assert.Equal("training-0", name);
    }

    [Fact]
    public async Task A_failing_round_faults_its_task_and_the_pool_keeps_working()
    {
        using var pool = new TrainingPool(Options.Create(new TrainingPoolOptions { Slots = 1 }));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => pool.Run<int>(() => throw new InvalidOperationException("diverged")));
        Assert.Equal("diverged", error.Message);
        Assert.Equal(7, await pool.Run(() => 7));
    }

    [Fact]
    public async Task A_lone_round_trains_on_the_idle_slots_too()
    {
        using var pool = new TrainingPool(Options.Create(new TrainingPoolOptions { Slots = 3 }));
        var (size, byHelpers) = await pool.Run(() =>
        {
            var crew = Crew.Current!;
            WaitUntil(() => crew.Size == 3, "both idle slots joined the round");
            var threads = new ConcurrentDictionary<int, bool>();
            // Joined, the helpers may still not be scheduled within 200 short steps beside other tests: step on until they take parts.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
            for (var step = 0; step < 200 || (crew.PartsByHelpers == 0 && DateTime.UtcNow < deadline); step++)
                Crew.Run(3, threads, static (s, _, _) => { ((ConcurrentDictionary<int, bool>)s)[Environment.CurrentManagedThreadId] = true; Thread.SpinWait(500); });
            return (crew.Size, crew.PartsByHelpers);
        });
        Assert.Equal(3, size);
        Assert.True(byHelpers > 0, "the lent slots did no work");
    }

    [Fact]
    public async Task A_lent_slot_is_still_free_and_comes_back_when_a_round_arrives()
    {
        using var pool = new TrainingPool(Options.Create(new TrainingPoolOptions { Slots = 2 }));
        var lent = new TaskCompletionSource();
        var secondStarted = new ManualResetEventSlim();
        var first = pool.Run(() =>
        {
            var crew = Crew.Current!;
            WaitUntil(() => crew.Size == 2, "the idle slot joined the round");
            lent.SetResult();
            // Keeps stepping, with work to share, until the second round has started (only the lent slot can start it),
            // or for at most 30 s, after which the second round would start on this slot once the round ends.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!secondStarted.IsSet && clock.Elapsed < TimeSpan.FromSeconds(30))
                Crew.Run(2, crew, static (_, _, _) => Thread.SpinWait(200));
            return secondStarted.IsSet;
        });
        await lent.Task;
        Assert.Equal(1, pool.FreeSlots); // one slot trains; the lent one counts as free

        var second = pool.Run(() => { secondStarted.Set(); return true; });

        Assert.True(await second);
        Assert.True(await first, "the second round waited for the first to end: the lent slot never came back");
    }

    [Fact]
    public void Zero_slots_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingPool(Options.Create(new TrainingPoolOptions { Slots = 0 })));

    private static void WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"not seen in 30 s: {what}");
            Thread.Sleep(1);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
