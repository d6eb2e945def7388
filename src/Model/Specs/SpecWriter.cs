using System.Text;
using System.Text.Json;
using Orleans.Tuning.Model.Search;

namespace Orleans.Tuning.Model.Specs;

/// <summary>Writes a spec as JSON with every default spelt out, in the shape <see cref="StudySpecParser"/> reads.</summary>
internal static class SpecWriter
{
    public static string Write(StudySpec spec)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", spec.Name);
            json.WriteNumber("seed", spec.Seed);

            json.WriteStartObject("data");
            if (spec.Data.Synthetic is { } synthetic)
                json.WriteString("synthetic", synthetic);
            else
                WriteData(json, spec.Data);
            json.WriteEndObject();


            json.WriteStartObject("space");
            foreach (var dimension in spec.Space.Dimensions)
                WriteDimension(json, dimension);
            json.WriteEndObject();

            json.WriteStartObject("fixed");
            foreach (var h in Hyperparameters.All.Where(h => spec.Fixed.ContainsKey(h.Name)))
                WriteValue(json, h.Name, spec.Fixed[h.Name]);
            json.WriteEndObject();

            json.WriteString("strategy", SpecNames.NameOf(SpecNames.Strategies, spec.Strategy));

            var budget = spec.Budget;
            json.WriteStartObject("budget");
            if (budget.Trials is { } trials) json.WriteNumber("trials", trials);
            if (budget.TotalEpochs is { } epochs) json.WriteNumber("total_epochs", epochs);
            if (budget.WallTime is { } wallTime) json.WriteString("wall_time", Durations.Format(wallTime));
            json.WriteNumber("epochs_per_round", budget.EpochsPerRound);
            json.WriteNumber("max_epochs_per_trial", budget.MaxEpochsPerTrial);
            json.WriteEndObject();

            if (spec.Objective.HasCost)
            {
                json.WriteStartArray("objectives");
                json.WriteStringValue(SpecNames.NameOf(SpecNames.Objectives, spec.Objective.Metric));
                json.WriteStringValue(SpecNames.NameOf(SpecNames.Costs, spec.Objective.Cost));
                json.WriteEndArray();
            }
            else
            {
                json.WriteString("objective", SpecNames.NameOf(SpecNames.Objectives, spec.Objective.Metric));
            }

            // Options that apply to one kind only are written for that kind only, as the parser demands.
            json.WriteStartObject("stopping");
            json.WriteString("kind", SpecNames.NameOf(SpecNames.Stoppings, spec.Stopping.Kind));
            if (spec.Stopping.Kind != StoppingKind.None) json.WriteNumber("grace_rounds", spec.Stopping.GraceRounds);
            if (spec.Stopping.Kind == StoppingKind.Asha) json.WriteNumber("reduction_factor", spec.Stopping.ReductionFactor);
            json.WriteEndObject();

            if (spec.Strategy != StudyStrategy.Panda)
            {
                json.WriteStartObject("population");
                json.WriteNumber("size", spec.Population.Size);
                json.WriteNumber("ready_every_rounds", spec.Population.ReadyEveryRounds);
                json.WriteNumber("quantile", spec.Population.Quantile);
                json.WriteNumber("resample_probability", spec.Population.ResampleProbability);
                json.WriteEndObject();
            }

            json.WriteNumber("generation_size", spec.GenerationSize);

            var retest = spec.Retest;
            json.WriteStartObject("retest");
            json.WriteBoolean("enabled", retest.Enabled);
            if (retest.Enabled)
            {
                if (retest.EveryTrials is { } everyTrials) json.WriteNumber("every_trials", everyTrials);
                if (retest.EveryRounds is { } everyRounds) json.WriteNumber("every_rounds", everyRounds);
                json.WriteNumber("leaders", retest.Leaders);
                json.WriteNumber("repeats", retest.Repeats);
                if (retest.Every is { } every) json.WriteString("every", Durations.Format(every));
                json.WriteNumber("max_share", retest.MaxShare);
            }
            json.WriteEndObject();

            json.WriteStartObject("sampler");
            json.WriteString("kind", SpecNames.NameOf(SpecNames.Samplers, spec.Sampler.Kind));
            if (spec.Sampler.Kind == SamplerKind.Grid) json.WriteNumber("points", spec.Sampler.Points);
            if (spec.Sampler.StartupTrials is { } startup) json.WriteNumber("startup_trials", startup);
            json.WriteEndObject();

            if (spec.WarmStart is { } warmStart)
                WriteWarmStart(json, warmStart, spec.Space);

            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteData(Utf8JsonWriter json, DataSpec data)
    {
        json.WriteString("path", data.Path);
        if (data.LabelsPath is { } labels)
            json.WriteString("labels_path", labels);
        json.WriteNumber("validation_fraction", data.ValidationFraction);
        if (data.TestPath is { } testPath)
        {
            json.WriteString("test_path", testPath);
            if (data.TestLabelsPath is { } testLabels) json.WriteString("test_labels_path", testLabels);
        }
        else
        {
            json.WriteNumber("test_fraction", data.TestFraction);
        }
    }

    // The trials themselves, not the folder or study they came from: the grain re-parses this text without files or a database.
    private static void WriteWarmStart(Utf8JsonWriter json, WarmStartSpec warmStart, SearchSpace space)
    {
        json.WriteStartObject("warm_start");
        if (warmStart.Study is { } study)
        {
            json.WriteString("study", study);
        }
        else
        {
            json.WriteString("source", warmStart.Source);
            json.WriteNumber("dropped", warmStart.Dropped);
            json.WriteStartArray("trials");
            foreach (var trial in warmStart.Trials)
            {
                json.WriteStartObject();
                json.WriteNumber("score", trial.Score);
                foreach (var d in space.Dimensions)
                    WriteValue(json, d.Name, trial.Values[d.Name]);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteDimension(Utf8JsonWriter json, Dimension dimension)
    {
        json.WriteStartObject(dimension.Name);
        var (kind, min, max) = SpecNames.Describe(dimension.Scale);
        json.WriteString("scale", SpecNames.Scales.First(s => s.Value == kind).Key);
        if (dimension.Scale is CategoricalScale categorical)
        {
            json.WriteStartArray("choices");
            foreach (var choice in categorical.Choices)
                json.WriteStringValue(choice);
            json.WriteEndArray();
        }
        else
        {
            json.WriteNumber("min", min);
            json.WriteNumber("max", max);
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, ParameterValue value)
    {
        if (value.IsChoice)
            json.WriteString(name, value.Choice);
        else
            json.WriteNumber(name, value.Number);
    }
}
