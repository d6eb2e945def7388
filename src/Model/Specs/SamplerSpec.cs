namespace Orleans.Tuning.Model.Specs;

/// <summary>How points of the unit cube are chosen.</summary>
public enum SamplerKind
{
    Random,
    Halton,
    Grid,

    /// <summary>Tree-structured Parzen estimator (Bergstra et al. 2011), multivariate: models where good trials lie against where the rest lie.</summary>
    Tpe,

    /// <summary>Bayesian optimisation with a Gaussian process (Matérn 5/2, one length-scale per dimension) and log expected improvement.</summary>
    GaussianProcess,

    /// <summary>CMA-ES (Hansen): a normal search distribution that moves and reshapes itself toward the better trials; continuous and integer dimensions.</summary>
    CmaEs,
}

/// <param name="Kind">TPE unless the spec names another: inside the default's successive-halving populations it beat random
/// sampling with coarse-to-fine narrowing on test accuracy on every dataset of the league table (docs/benchmarks.md).</param>
/// <param name="Points">Grid only: levels per continuous dimension.</param>
/// <param name="StartupTrials">TPE and GP only: trials drawn before the model is used; null: the sampler's default, or under caviar
/// the population's size (a population is drawn at once, so waiting for more would leave the next population unmodelled too).</param>
public sealed record SamplerSpec(SamplerKind Kind = SamplerKind.Tpe, int Points = 3, int? StartupTrials = null)
{
    /// <summary>The kind as a spec names it (gp, cma-es, ...), for messages and summaries.</summary>
    public string Name => SpecNames.NameOf(SpecNames.Samplers, Kind);
}
