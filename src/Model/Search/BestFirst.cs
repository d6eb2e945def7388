namespace Orleans.Tuning.Model.Search;

/// <summary>Orders (score, id) pairs the way every ranking of trials does: higher score first, ties to the lower id (the earlier trial).</summary>
public sealed class BestFirst : IComparer<(double Score, int Id)>
{
    public static readonly BestFirst Instance = new();

    private BestFirst() { }

    public int Compare((double Score, int Id) a, (double Score, int Id) b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : a.Id.CompareTo(b.Id);
    }
}
