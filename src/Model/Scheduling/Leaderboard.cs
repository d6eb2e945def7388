using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Scheduling;

/// <summary>Trials in the order of their latest finite score, best first (ties to the earlier trial), kept as scores change.</summary>
/// <remarks>
/// A console asks for the leaders several times a second; ranking a 100 000-trial history each time costs more than
/// the study's own decisions. Kept in order, a score change costs O(log n) and the leaders are read from the top.
/// </remarks>
public sealed class Leaderboard
{
    private SortedSet<(double Score, int Id)> _order = new(BestFirst.Instance);
    private readonly Dictionary<int, double> _scores = [];

    public int Count => _scores.Count;

    /// <summary>Trial <paramref name="trial"/> now scores <paramref name="score"/>; a score that is not finite takes it off the board.</summary>
    public void Set(int trial, double score)
    {
        if (_scores.TryGetValue(trial, out var old))
        {
            if (old.Equals(score)) return;
            _order.Remove((old, trial));
            _scores.Remove(trial);
        }
        if (!double.IsFinite(score)) return;
        _scores[trial] = score;
        _order.Add((score, trial));
    }

    /// <summary>Fills an empty board with many trials at once, as <see cref="Set"/> would one by one.</summary>
    public void Load(IEnumerable<(int Trial, double Score)> trials)
    {
        if (_scores.Count > 0) throw new InvalidOperationException("load into an empty board");
        foreach (var (trial, score) in trials)
            if (double.IsFinite(score)) _scores[trial] = score;
        _order = new SortedSet<(double Score, int Id)>(_scores.Select(s => (s.Value, s.Key)), BestFirst.Instance);
    }

    /// <summary>Trials and scores, best first; read lazily, so taking the first few costs only those.</summary>
    public IEnumerable<(int Trial, double Score)> Best()
    {
        foreach (var (score, trial) in _order) yield return (trial, score);
    }
}
