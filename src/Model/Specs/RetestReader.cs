namespace Orleans.Tuning.Model.Specs;

/// <summary>Reads <c>retest:</c>: when leaders re-train from scratch, how many and how often, within what share of the budget.</summary>
internal static class RetestReader
{
    private static readonly string[] Options = ["every_trials", "every_rounds", "leaders", "repeats", "every", "max_share"];

    public static RetestSpec Read(SpecReader? retest, bool synthetic, SyntheticReader synthetics)
    {
        // Nothing to re-test when a trial's value is exact.
        var defaults = new RetestSpec(Enabled: !synthetic);
        if (retest is null)
            return defaults;
        var given = retest.Bool("enabled");
        if (synthetic)
            synthetics.CheckRetest(retest, given);
        var enabled = given ?? defaults.Enabled;
        if (!enabled)
        {
            // Off, nothing else in the section acts: kept at its defaults, so a spec written out without them reads back equal.
            // Each option is read (so a misspelt one is still told which it may have meant), and any given is an error.
            foreach (var key in Options.Where(key => retest.Node(key) is not null))
                retest.Error(key, synthetic
                    ? "does nothing: re-tests are off with data.synthetic (the function's value is exact)"
                    : "does nothing with enabled: false; remove it, or turn re-tests on");
            retest.Finish();
            return defaults with { Enabled = false };
        }
        var everyTrials = retest.Int("every_trials", min: 1);
        var everyRounds = retest.Int("every_rounds", min: 1);
        if (everyTrials is not null && everyRounds is not null)
            retest.Error("every_rounds", "give every_trials or every_rounds, not both");
        var share = retest.Number("max_share");
        if (share is not (null or (> 0 and <= 1)))
            retest.Error("max_share", $"must lie in (0, 1], got {share}");
        var spec = new RetestSpec(
            enabled,
            everyRounds is null ? everyTrials ?? defaults.EveryTrials : null,
            everyRounds,
            retest.Int("leaders", min: 1) ?? defaults.Leaders,
            retest.Int("repeats", min: 1) ?? defaults.Repeats,
            retest.Duration("every"),
            share ?? defaults.MaxShare);
        retest.Finish();
        return spec;
    }
}
