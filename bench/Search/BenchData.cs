using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Bench.Search;

/// <summary>A dataset held in memory with a fixed test part; train/validation splits are made per split seed, as re-tests need.</summary>
internal sealed class BenchData(Dataset data, Dataset test)
{
    private readonly Dictionary<int, PreparedDataset> _splits = [];

    /// <param name="rows">At most this many rows for training and validation (and half as many for a test file), to keep a study short.</param>
    public static BenchData Load(string name, string root, int rows)
    {
        var folder = Path.Combine(root, "data");
        switch (name)
        {
            case "fashion":
            {
                // A subset keeps a study to a minute or so on one core; the test images are the official ones.
                var train = IdxDataset.Load(Path.Combine(folder, "fashion_mnist", "train-images-idx3-ubyte.gz"), Path.Combine(folder, "fashion_mnist", "train-labels-idx1-ubyte.gz"));
                var test = IdxDataset.Load(Path.Combine(folder, "fashion_mnist", "t10k-images-idx3-ubyte.gz"), Path.Combine(folder, "fashion_mnist", "t10k-labels-idx1-ubyte.gz"));
                return new BenchData(Take(train, rows), Take(test, rows / 2));
            }
            default:
            {
                // The test part is held out once, by a fixed seed, for every study and seed alike.
                var (rest, test) = DataSplit.Stratified(CsvDataset.Load(Path.Combine(folder, $"{name}.csv")), 0.2, seed: 12345);
                // A subset keeps every class in its share (a file sorted by label would lose classes to a plain prefix).
                return new BenchData(rows < rest.Count ? DataSplit.Stratified(rest, 1 - rows / (double)rest.Count, seed: 777).Train : rest, test);
            }
        }
    }

    public string Describe() => $"{data.Count} rows for training and validation, {test.Count} for test, {data.FeatureCount} features, {data.ClassCount} classes";

    /// <summary>Train and validation split by <paramref name="seed"/>, test as always; standardised with the training part.</summary>
    public PreparedDataset Split(int seed)
    {
        if (_splits.TryGetValue(seed, out var prepared)) return prepared;
        var (train, validation) = DataSplit.Stratified(data, 0.2, seed);
        var standardizer = Standardizer.Fit(train);
        return _splits[seed] = new PreparedDataset(standardizer.Apply(train), standardizer.Apply(validation), standardizer.Apply(test));
    }

    private static Dataset Take(Dataset d, int rows) =>
        new(d.Features[..(rows * d.FeatureCount)], d.Labels[..rows], d.FeatureCount, d.ClassCount, d.Source);
}
