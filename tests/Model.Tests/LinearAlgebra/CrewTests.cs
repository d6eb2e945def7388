using Orleans.Tuning.Model.LinearAlgebra;

namespace Orleans.Tuning.Model.Tests.LinearAlgebra;

public class CrewTests
{
    [Fact]
    public void Every_part_of_every_step_runs_exactly_once_and_helpers_take_some()
    {
        using var cores = new LentCores(helpers: 1);
        var leader = Environment.CurrentManagedThreadId;
        var counts = new int[2000 * 4];
        var byHelpers = 0;
        for (var step = 0; step < 2000; step++)
        {
            Crew.Run(4, counts, (state, part, parts) =>
            {
                Interlocked.Increment(ref ((int[])state)[step * parts + part]);
                if (Environment.CurrentManagedThreadId != leader) Interlocked.Increment(ref byHelpers);
                Thread.SpinWait(200); // long enough that the helper gets a share
            });
        }
        Assert.All(counts, c => Assert.Equal(1, c));
        Assert.True(byHelpers > 0, "no part ran on the lent core");
    }

    [Fact]
    public void A_recalled_helper_leaves_and_the_leader_finishes_the_work_alone()
    {
        using var cores = new LentCores(helpers: 1);
        cores.Recall();

        Assert.Equal(1, cores.Crew.Size);
        var done = new int[8];
        Crew.Run(8, done, (state, part, _) => ((int[])state)[part]++);
        Assert.All(done, d => Assert.Equal(1, d));
    }

    [Fact]
    public void A_part_that_throws_on_a_helper_fails_the_step_on_the_leader_and_the_crew_goes_on()
    {
        using var cores = new LentCores(helpers: 1);
        var leader = Environment.CurrentManagedThreadId;
        var thrown = 0;
        for (var step = 0; step < 500 && thrown == 0; step++)
        {
            try
            {
                Crew.Run(2, cores, (_, _, _) =>
                {
                    Thread.SpinWait(2000);
                    if (Environment.CurrentManagedThreadId != leader) throw new InvalidOperationException("diverged");
                });
            }
            catch (InvalidOperationException e) when (e.Message == "diverged")
            {
                thrown++;
            }
        }
        Assert.Equal(1, thrown);
        Assert.Equal(2, cores.Crew.Size); // the helper is still there
        var done = new int[4];
        Crew.Run(4, done, (state, part, _) => ((int[])state)[part]++);
        Assert.All(done, d => Assert.Equal(1, d));
    }

    [Fact]
    public void Outside_a_round_work_is_not_split()
    {
        Assert.Null(Crew.Current);
        Assert.Equal(1, Crew.PartsFor(work: 1L << 30, minimumPerPart: 1));
    }

    [Fact]
    public void A_split_asks_for_no_more_parts_than_cores_nor_parts_smaller_than_the_minimum()
    {
        using var cores = new LentCores(helpers: 1);
        Assert.Equal(2, Crew.PartsFor(work: 1000, minimumPerPart: 100));
        Assert.Equal(1, Crew.PartsFor(work: 150, minimumPerPart: 100));
    }

    [Theory]
    [InlineData(256, 16, 2)]
    [InlineData(100, 16, 3)]
    [InlineData(10, 16, 2)]
    [InlineData(784, 4, 3)]
    public void Slices_cover_the_range_once_at_multiples_of_the_grain(int length, int grain, int parts)
    {
        var covered = new int[length];
        for (var p = 0; p < parts; p++)
        {
            var (from, to) = Crew.Slice(length, grain, p, parts);
            Assert.True(from % grain == 0 || from == length, $"part {p} starts at {from}");
            for (var i = from; i < to; i++) covered[i]++;
        }
        Assert.All(covered, c => Assert.Equal(1, c));
    }
}
