using Orleans.Tuning.Model.LinearAlgebra;

namespace Orleans.Tuning.Model.Tests.LinearAlgebra;

/// <summary>A crew led by the calling thread with real helper threads lent to it, as the training pool lends idle slots.</summary>
internal sealed class LentCores : IDisposable
{
    private readonly Crew.Scope _scope = Crew.Lead();
    private readonly List<Thread> _helpers;
    private volatile bool _recalled;

    public LentCores(int helpers)
    {
        _helpers = [.. Enumerable.Range(0, helpers).Select(_ => new Thread(() => _scope.Crew.Help(() => _recalled)) { IsBackground = true })];
        _helpers.ForEach(t => t.Start());
        // The helpers have joined once the crew counts them.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (_scope.Crew.Size < 1 + helpers && DateTime.UtcNow < deadline) Thread.Yield();
        if (_scope.Crew.Size < 1 + helpers) throw new TimeoutException("the helper threads did not join the crew");
    }

    public Crew Crew => _scope.Crew;

    /// <summary>Takes the helpers back, as a new round arriving at the pool does, while the crew goes on.</summary>
    public void Recall()
    {
        _recalled = true;
        Crew.Wake();
        _helpers.ForEach(t => t.Join());
    }

    public void Dispose()
    {
        _recalled = true;
        _scope.Dispose();
        _helpers.ForEach(t => t.Join());
    }
}
