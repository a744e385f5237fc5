using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.Logging;

/// <summary>
/// The one destination that a logger and all its <see cref="ILog.With"/> children share. Lines are built and written
/// under one lock, so lines from concurrent writers never interleave.
/// </summary>
internal sealed class JsonLineSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Lock _gate = new();
    private readonly TextWriter? _writer;
    private readonly Stream? _stream;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    // Relaxed escaping keeps non-ASCII readable; the writer still escapes quotes, backslashes and controls.
    private readonly JsonWriterOptions _options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public JsonLineSink(TextWriter writer)
    {
        _writer = writer;
    }

    public JsonLineSink(Stream stream)
    {
        _stream = stream;
    }

    /// <summary>Builds one JSON object with <paramref name="build"/> and writes it as one line.</summary>
    public void WriteLine<TState>(TState state, Action<Utf8JsonWriter, TState> build)
    {
        lock (_gate)
        {
            _buffer.ResetWrittenCount();
            using (var json = new Utf8JsonWriter(_buffer, _options))
            {
                build(json, state);
            }

            // The line and its newline in one write: standard output is unbuffered, so each Write is a system call,
            // and one write also keeps the line whole for a reader of the pipe.
            _buffer.Write(NewLine);
            try
            {
                if (_stream is not null)
                {
                    _stream.Write(_buffer.WrittenSpan);
                    _stream.Flush();
                }
                else
                {
                    _writer!.Write(Encoding.UTF8.GetString(_buffer.WrittenSpan));
                    _writer.Flush();
                }
            }
            catch (IOException)
            {
                // A closed stdout must not fail the event: the answer to CloudFormation matters more than the log.
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
