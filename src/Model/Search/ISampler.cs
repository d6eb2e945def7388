namespace Orleans.Tuning.Model.Search;

/// <summary>Chooses points of the unit cube for a search space, one per trial.</summary>
/// <remarks>
/// Point <c>index</c> depends only on how the sampler was built (dimensions, seed) and the
/// index, never on earlier calls, so a scheduler restarted after a crash resumes at the
/// next index and gets exactly the points it would have got.
/// </remarks>
public interface ISampler
{
    int Dimensions { get; }

    double[] Sample(int index);
}
