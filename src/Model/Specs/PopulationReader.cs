namespace Orleans.Tuning.Model.Specs;

/// <summary>Reads <c>population:</c>, caviar's exploit/explore settings, and rejects those that would not act.</summary>
internal static class PopulationReader
{
    // A panda study trains one model at a time and nothing copies from anything: of a population, only its size
    // acts there, as the generation size when none is given. Auto is always caviar (StrategyChoice).
    public static PopulationSpec Read(SpecReader? population, StudyStrategy strategy, bool generationSizeGiven)
    {
        var defaults = new PopulationSpec();
        if (population is null)
            return defaults;
        if (strategy == StudyStrategy.Panda)
        {
            foreach (var key in new[] { "ready_every_rounds", "quantile", "resample_probability" }.Where(population.Keys.Contains))
                population.Error(key, "applies only to caviar: a panda study trains one model at a time and copies nothing; remove it, or set strategy: caviar");
            if (generationSizeGiven && population.Keys.Contains("size"))
                population.Error("size", "does nothing here: under panda a population's size only stands in for generation_size, which is given");
        }
        var quantile = population.Number("quantile");
        if (quantile is not (null or (> 0 and <= 0.5)))
            population.Error("quantile", $"must lie in (0, 0.5], got {quantile}");
        var resample = population.Number("resample_probability");
        if (resample is not (null or (>= 0 and <= 1)))
            population.Error("resample_probability", $"must lie in [0, 1], got {resample}");
        var spec = new PopulationSpec(
            population.Int("size", min: 2) ?? defaults.Size,
            population.Int("ready_every_rounds", min: 1) ?? defaults.ReadyEveryRounds,
            quantile ?? defaults.Quantile,
            resample ?? defaults.ResampleProbability);
        population.Finish();
        return spec;
    }
}
