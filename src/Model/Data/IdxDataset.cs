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
        var imagesFile = Path.GetFileName(imagesPath);
        var labelsFile = Path.GetFileName(labelsPath);

        using var images = IdxStream.Open(imagesPath);
        var imageHeader = ReadHeader(images, imagesFile, ImagesMagic, 16, "images");
        var count = ReadCount(imageHeader, 4, imagesFile, "image count");
        var rows = ReadCount(imageHeader, 8, imagesFile, "row count");
        var cols = ReadCount(imageHeader, 12, imagesFile, "column count");
        // An empty set would give ClassCount 0 and nothing to train on; CSV rejects that case too.
        if (count == 0 || rows == 0 || cols == 0)
            throw new DataFormatException($"{imagesFile}: header declares {count} images of {rows}×{cols}; there is nothing to load");
        if ((long)count * rows * cols > Array.MaxLength)
            throw new DataFormatException($"{imagesFile}: header claims {count} images of {rows}×{cols}, too large to hold in memory");

        using var labelStream = IdxStream.Open(labelsPath);
        var labelHeader = ReadHeader(labelStream, labelsFile, LabelsMagic, 8, "labels");
        var labelCount = ReadCount(labelHeader, 4, labelsFile, "label count");

        // Both headers are checked before either body, so a mismatched pair fails before decompressing 47 MB.
        if (count != labelCount)
            throw new DataFormatException($"{imagesFile} has {count} images but {labelsFile} has {labelCount} labels");

        var labels = ReadLabels(labelStream, labelsFile, labelCount);
        var pixels = ReadPixels(images, imagesFile, count, rows, cols);

        return new Dataset(pixels, labels, rows * cols, labels.Max() + 1, $"{imagesPath} + {labelsPath}");
    }

    private static int[] ReadLabels(Stream stream, string file, int count)
    {
        var bytes = new byte[count];
        var read = stream.ReadAtLeast(bytes, count, throwOnEndOfStream: false);
        if (read < count)
            throw new DataFormatException($"{file}: truncated; header promises {count} labels, found {read}");

        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = bytes[i];
        return labels;
    }

    private static float[] ReadPixels(Stream stream, string file, int count, int rows, int cols)
    {
        var featureCount = rows * cols;
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
                    $"({filled / featureCount} complete images)");
            TensorPrimitives.ConvertChecked<byte, float>(buffer.AsSpan(0, read), pixels.AsSpan(filled, read));
            filled += read;
        }
        return pixels;
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
}
