using System.Buffers.Binary;
using System.Numerics.Tensors;

namespace Orleans.Tuning.Model.Data;

/// <summary>Loads an IDX image/label pair (MNIST format, optionally gzipped) as one row of pixels 0..255 per image.</summary>
public static class IdxDataset
{
    private const int ImagesMagic = 2051; // 0x00000803: unsigned bytes, 3 dimensions
    private const int LabelsMagic = 2049; // 0x00000801: unsigned bytes, 1 dimension

    public static Dataset Load(string imagesPath, string labelsPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagesPath);
        ArgumentException.ThrowIfNullOrEmpty(labelsPath);

        var labels = ReadLabels(labelsPath);
        var (pixels, imageCount, featureCount) = ReadImages(imagesPath);

        if (imageCount != labels.Length)
            throw new DataFormatException(
                $"{Path.GetFileName(imagesPath)} has {imageCount} images but {Path.GetFileName(labelsPath)} has {labels.Length} labels");

        var maxLabel = labels.Length == 0 ? -1 : labels.Max();
        return new Dataset(pixels, labels, featureCount, maxLabel + 1, $"{imagesPath} + {labelsPath}");
    }

    private static int[] ReadLabels(string path)
    {
        var file = Path.GetFileName(path);
        using var stream = IdxStream.Open(path);
        var header = ReadHeader(stream, file, LabelsMagic, 8, "labels");
        var count = ReadCount(header, 4, file, "label count");

        var bytes = new byte[count];
        ReadBody(stream, bytes, file, count, 1, "labels");

        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = bytes[i];
        return labels;
    }

    private static (float[] Pixels, int Count, int FeatureCount) ReadImages(string path)
    {
        var file = Path.GetFileName(path);
        using var stream = IdxStream.Open(path);
        var header = ReadHeader(stream, file, ImagesMagic, 16, "images");
        var count = ReadCount(header, 4, file, "image count");
        var rows = ReadCount(header, 8, file, "row count");
        var cols = ReadCount(header, 12, file, "column count");

        var featureCount = (long)rows * cols;
        if (count * featureCount > Array.MaxLength)
            throw new DataFormatException($"{file}: header claims {count} images of {rows}×{cols}, too large to hold in memory");

        var pixels = new float[count * featureCount];
        // Read in fixed-size chunks and widen straight into the result, so memory stays at one float array
        // plus a small buffer instead of also holding every byte of a 47 MB decompressed file.
        var buffer = new byte[1 << 16];
        var filled = 0;
        while (filled < pixels.Length)
        {
            var read = stream.ReadAtLeast(buffer.AsSpan(0, Math.Min(buffer.Length, pixels.Length - filled)), 1, throwOnEndOfStream: false);
            if (read == 0)
                throw new DataFormatException(
                    $"{file}: truncated; header promises {count} images of {rows}×{cols} = {pixels.Length} pixel bytes, found {filled} " +
                    $"({filled / Math.Max(1, featureCount)} complete images)");
            TensorPrimitives.ConvertChecked<byte, float>(buffer.AsSpan(0, read), pixels.AsSpan(filled, read));
            filled += read;
        }
        return (pixels, count, (int)featureCount);
    }

    private static byte[] ReadHeader(Stream stream, string file, int magic, int size, string kind)
    {
        var header = new byte[size];
        var read = stream.ReadAtLeast(header, size, throwOnEndOfStream: false);
        // Check the magic before the length so a swapped or foreign file gets the more useful message.
        if (read >= 4)
        {
            var found = BinaryPrimitives.ReadInt32BigEndian(header);
            if (found != magic)
            {
                var hint = found switch
                {
                    ImagesMagic => " (that is an IDX images file; were the paths swapped?)",
                    LabelsMagic => " (that is an IDX labels file; were the paths swapped?)",
                    _ => "",
                };
                throw new DataFormatException($"{file}: wrong magic number {found} (0x{found:X8}), expected {magic} for IDX {kind}{hint}");
            }
        }
        if (read < size)
            throw new DataFormatException($"{file}: truncated header; expected {size} bytes, found {read}");
        return header;
    }

    private static int ReadCount(byte[] header, int offset, string file, string what)
    {
        var value = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(offset));
        if (value < 0)
            throw new DataFormatException($"{file}: header {what} {(uint)value} is out of range");
        return value;
    }

    private static void ReadBody(Stream stream, byte[] body, string file, int items, int itemSize, string kind)
    {
        var read = stream.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
        if (read < body.Length)
            throw new DataFormatException(
                $"{file}: truncated; header promises {items} {kind} ({body.Length} bytes), found {read / itemSize} ({read} bytes)");
    }
}
