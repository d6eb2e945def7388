namespace Orleans.Tuning.Model.Search;

/// <summary>A sampler that learns from the trials so far (TPE, a Gaussian process, CMA-ES): the next point depends on what earlier ones scored.</summary>
/// <remarks>
/// The contract that keeps a study resumable: <see cref="Suggest"/> is a pure function of how the sampler
/// was built (space, seed, options), the index and the history it is given. It keeps no state between
/// calls, so a study grain that replays its events hands it the same history and gets the same point;
/// nothing of the sampler needs persisting. <see cref="ISampler.Sample"/> is the suggestion with no history.
/// </remarks>
public interface IModelSampler : ISampler
{
    /// <summary>How many distinct points the space holds: a product of levels when every dimension is discrete, else <see cref="long.MaxValue"/>.</summary>
    long Capacity { get; }

    /// <summary>Point <paramref name="index"/> (the study's count of points drawn so far), never one already finished or running.</summary>
    /// <param name="finished">Trials that ended, in launch order, with their scores (higher is better; NaN for a trial that failed or diverged).</param>
    /// <param name="running">Points of trials still training: the sampler must not suggest them again, and should spread away from them.</param>
    double[] Suggest(int index, IReadOnlyList<ScoredPoint> finished, IReadOnlyList<double[]> running);
}
