using System.Buffers.Binary;
using System.IO.Compression;
using Orleans.Tuning.Model.Data;

namespace Orleans.Tuning.Model.Tests.Data;

public sealed class IdxDatasetTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Fashion_mnist_test_set_loads_10000_images_of_784_pixels_with_1000_per_class()
    {
        var data = IdxDataset.Load(
            TestData.Path("fashion_mnist/t10k-images-idx3-ubyte.gz"),
            TestData.Path("fashion_mnist/t10k-labels-idx1-ubyte.gz"));

        Assert.Equal(10000, data.Count);
        Assert.Equal(784, data.FeatureCount);
        Assert.Equal(10000 * 784, data.Features.Length);
        Assert.Equal(10, data.ClassCount);
        var sizes = new int[10];
        foreach (var label in data.Labels) sizes[label]++;
        Assert.All(sizes, size => Assert.Equal(1000, size));
        // Pixels stay on the 0..255 byte scale (the first test image is an ankle boot, label 9).
        Assert.Equal(9, data.Labels[0]);
        Assert.Equal(0f, data.Features.Min());
        Assert.Equal(255f, data.Features.Max());
    }

    [Fact]
    public void Plain_and_gzipped_files_load_the_same_pixels_and_labels()
    {
        byte[] pixels = [0, 1, 2, 3, 4, 5, 250, 251, 252, 253, 254, 255];
        var plainImages = _temp.File("images.idx", Images(2, 2, 3, pixels));
        var plainLabels = _temp.File("labels.idx", Labels([4, 1]));
        var gzImages = _temp.File("images.idx.gz", Gzip(Images(2, 2, 3, pixels)));
        // Gzip is recognised by its magic bytes too, not only by the extension.
        var gzLabelsNoExtension = _temp.File("labels-gz.idx", Gzip(Labels([4, 1])));

        var plain = IdxDataset.Load(plainImages, plainLabels);
        var gz = IdxDataset.Load(gzImages, gzLabelsNoExtension);

        foreach (var data in new[] { plain, gz })
        {
            Assert.Equal(6, data.FeatureCount);
            Assert.Equal(5, data.ClassCount);
            Assert.Equal([4, 1], data.Labels);
            Assert.Equal(pixels.Select(p => (float)p).ToArray(), data.Features);
        }
    }

    [Fact]
    public void Wrong_magic_is_reported_with_the_file_name_and_both_numbers()
    {
        var images = _temp.File("images.idx", Images(1, 1, 1, [7]));
        var labels = _temp.File("labels.idx", Labels([0]));

        // Paths swapped: the labels file is where the images should be.
        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(labels, images));

        Assert.Contains("labels.idx: wrong magic number 2049", e.Message);
        Assert.Contains("expected 2051", e.Message);
        Assert.Contains("swapped", e.Message);
    }

    [Fact]
    public void Foreign_file_is_reported_as_wrong_magic()
    {
        var images = _temp.File("notes.txt", "hello, this is not IDX at all");
        var labels = _temp.File("labels.idx", Labels([0]));

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("notes.txt: wrong magic number", e.Message);
    }

    [Fact]
    public void Truncated_header_says_how_many_bytes_were_expected_and_found()
    {
        var images = _temp.File("images.idx", Images(1, 1, 1, [7])[..10]);
        var labels = _temp.File("labels.idx", Labels([0]));

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Equal("images.idx: truncated header; expected 16 bytes, found 10", e.Message);
    }

    [Fact]
    public void Truncated_gzipped_image_body_says_how_many_pixel_bytes_were_expected_and_found()
    {
        // Three 2×2 images promised, two and a half present.
        var full = Images(3, 2, 2, new byte[12]);
        var images = _temp.File("images.idx.gz", Gzip(full[..(16 + 10)]));
        var labels = _temp.File("labels.idx", Labels([0, 1, 2]));

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("images.idx.gz: truncated", e.Message);
        Assert.Contains("12 pixel bytes", e.Message);
        Assert.Contains("found 10", e.Message);
        Assert.Contains("2 complete images", e.Message);
    }

    [Fact]
    public void Truncated_label_body_says_how_many_labels_were_expected_and_found()
    {
        var images = _temp.File("images.idx", Images(3, 1, 1, [1, 2, 3]));
        var labels = _temp.File("labels.idx", Labels([0, 1, 2])[..10]);

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("labels.idx: truncated", e.Message);
        Assert.Contains("3 labels", e.Message);
        Assert.Contains("found 2", e.Message);
    }

    [Fact]
    public void Image_and_label_count_mismatch_names_both_files_and_counts()
    {
        var images = _temp.File("images.idx", Images(3, 1, 1, [1, 2, 3]));
        var labels = _temp.File("labels.idx", Labels([0, 1]));

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Equal("images.idx has 3 images but labels.idx has 2 labels", e.Message);
    }

    [Fact]
    public void Corrupt_gzip_is_reported_with_the_file_name()
    {
        var gz = Gzip(Images(4, 4, 4, new byte[64]));
        // Damage the deflate stream past the gzip header so decompression itself fails.
        for (var i = 12; i < gz.Length - 8; i++) gz[i] ^= 0x5A;
        var images = _temp.File("images.idx.gz", gz);
        var labels = _temp.File("labels.idx", Labels([0, 1, 2, 3]));

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));

        Assert.StartsWith("images.idx.gz:", e.Message);
    }

    [Fact]
    public void A_gz_name_on_a_file_that_is_not_gzip_is_reported_as_corrupt_gzip()
    {
        var images = _temp.File("images.idx", Images(1, 1, 1, [7]));
        var labels = _temp.File("labels.idx.gz", "plain text, not gzip, but long enough to be read");

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("labels.idx.gz: corrupt gzip", e.Message);
    }

    [Fact]
    public void An_image_file_with_no_images_is_rejected()
    {
        var images = _temp.File("images.idx", Images(0, 28, 28, []));
        var labels = _temp.File("labels.idx", Labels([]));

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, labels));

        Assert.Contains("images.idx: header declares 0 images", e.Message);
    }

    [Fact]
    public void Missing_file_is_reported_by_name()
    {
        var images = _temp.File("images.idx", Images(1, 1, 1, [7]));

        var e = Assert.Throws<DataFormatException>(() => IdxDataset.Load(images, Path.Combine(_temp.FullPath, "nope.idx")));

        Assert.Contains("nope.idx: file not found", e.Message);
    }

    internal static byte[] Images(int count, int rows, int cols, byte[] pixels)
    {
        var bytes = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 2051);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        pixels.CopyTo(bytes, 16);
        return bytes;
    }

    internal static byte[] Labels(byte[] labels)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, 2049);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            gzip.Write(data);
        return output.ToArray();
    }
}
