using Orleans.Tuning.Model.Specs;
using Orleans.Tuning.Model.Studies;

namespace Orleans.Tuning.Bench.Search;

/// <summary>The strategies of the league table, each as the part of a spec that differs from the others.</summary>
internal static class Strategies
{
    // "Never" for ready_every_rounds and generation_size: no exploit, no narrowing.
    private const string Never = "100000";

    /// <summary>In run order: random search first, since it sets the bar the others are measured against.</summary>
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["random (no stopping)"] = $"strategy: caviar\nsampler: random\npopulation: {{ size: 8, ready_every_rounds: {Never} }}\ngeneration_size: {Never}\nstopping: none\nretest: {{ enabled: false }}",
        ["coarse to fine"] = $"strategy: caviar\nsampler: random\npopulation: {{ size: 8, ready_every_rounds: {Never} }}\ngeneration_size: 8\nstopping: none\nretest: {{ enabled: false }}",
        ["caviar (PBT)"] = "strategy: caviar\nsampler: random\npopulation: { size: 8, ready_every_rounds: 2 }\nstopping: none\nretest: { enabled: false }",
        ["asha η=3"] = $"strategy: caviar\nsampler: random\npopulation: {{ size: 8, ready_every_rounds: {Never} }}\nstopping: {{ kind: asha, grace_rounds: 0, reduction_factor: 3 }}\nretest: {{ enabled: false }}",
        ["panda (median stopping)"] = "strategy: panda\nsampler: random\nstopping: median\nretest: { enabled: false }",
        // The model samplers train full trials, two at a time (the model suggests the second while the first trains,
        // with a constant liar / fantasy for it), no stopping; a start of 4 random trials, not their default 10, since
        // at 60 epochs a study trains only 7.5 full trials and the defaults would make them random search.
        ["tpe"] = $"strategy: caviar\npopulation: {{ size: 2, ready_every_rounds: {Never} }}\ngeneration_size: {Never}\nstopping: none\nretest: {{ enabled: false }}\nsampler: {{ kind: tpe, startup_trials: 4 }}",
        ["gp-bo"] = $"strategy: caviar\npopulation: {{ size: 2, ready_every_rounds: {Never} }}\ngeneration_size: {Never}\nstopping: none\nretest: {{ enabled: false }}\nsampler: {{ kind: gp, startup_trials: 4 }}",
        // The default before TPE was: the same populations, narrowed coarse to fine between them.
        ["previous default (coarse to fine)"] = "sampler: random",
        // The default with the GP in place of TPE: the model-guided populations of issue 10, measured as PB2 suggests.
        ["default with gp"] = "sampler: gp",
        ["default"] = "",
    };

    /// <summary>A spec with the shared space and budget: the product's defaults for everything the strategy leaves out.</summary>
    public static string Spec(string strategy, string dataset, int seed, int epochs) => $$"""
        name: {{dataset}}
        seed: {{seed}}
        data: { path: {{dataset}}.csv }
        space:
          learning_rate: { min: 1.0e-4, max: 1.0 }
          hidden_units: { min: 16, max: 256 }
          layers: { min: 1, max: 3 }
          batch_size: [16, 32, 64, 128]
        budget: { total_epochs: {{epochs}}, epochs_per_round: 1, max_epochs_per_trial: 8 }
        {{strategy}}
        """;

    /// <summary>Auto resolves as a study grain would on this machine: its cores are the cluster's training slots.</summary>
    public static StudyStrategy Resolve(StudySpec spec) =>
        StrategyChoice.Choose(spec.Strategy, spec.Population.Size, Environment.ProcessorCount, silos: 1).Strategy;
}
