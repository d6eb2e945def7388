using Microsoft.Extensions.Options;

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
    public void Zero_slots_are_rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingPool(Options.Create(new TrainingPoolOptions { Slots = 0 })));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
