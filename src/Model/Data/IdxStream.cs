using System.IO.Compression;

namespace Orleans.Tuning.Model.Data;

/// <summary>Opens an IDX file for reading, decompressing gzip transparently and turning I/O failures into <see cref="DataFormatException"/>.</summary>
internal static class IdxStream
{
    public static Stream Open(string path)
    {
        var file = Path.GetFileName(path);
        DatasetSource.RequireFile(path);

        var raw = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> probe = stackalloc byte[2];
        var n = raw.ReadAtLeast(probe, 2, throwOnEndOfStream: false);
        raw.Position = 0;

        // Sniff the gzip magic too, so a renamed file still loads; a ".gz" name without it reports as corrupt gzip.
        var gzipped = (n == 2 && probe[0] == 0x1f && probe[1] == 0x8b)
            || path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        Stream inner = gzipped ? new GZipStream(raw, CompressionMode.Decompress) : raw;
        return new CorruptionReporting(inner, file);
    }

    /// <summary>Rewrites the decompressor's InvalidDataException so callers see one exception type naming the file.</summary>
    private sealed class CorruptionReporting(Stream inner, string file) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            try
            {
                return inner.Read(buffer);
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException($"{file}: corrupt gzip data ({e.Message})");
            }
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
