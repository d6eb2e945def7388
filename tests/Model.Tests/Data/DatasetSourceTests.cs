using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Tests.Data;

public sealed class DatasetSourceTests
{
    [Fact]
    public void A_csv_path_loads_with_the_csv_loader()
    {
        var data = DatasetSource.Load(TestData.Path("iris.csv"));

        Assert.Equal(150, data.Count);
        Assert.Equal(4, data.FeatureCount);
    }

    [Fact]
    public void An_images_and_labels_pair_loads_with_the_idx_loader()
    {
        var data = DatasetSource.Load(
            TestData.Path("fashion_mnist/t10k-images-idx3-ubyte.gz"),
            TestData.Path("fashion_mnist/t10k-labels-idx1-ubyte.gz"));

        Assert.Equal(784, data.FeatureCount);
    }

    [Fact]
    public void A_non_csv_path_without_labels_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(
            () => DatasetSource.Load(TestData.Path("fashion_mnist/t10k-images-idx3-ubyte.gz")));

        Assert.Equal("labelsPath", e.ParamName);
    }
}
