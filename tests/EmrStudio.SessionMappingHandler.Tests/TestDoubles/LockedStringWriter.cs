using System.Text;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>A string writer that the handler can write to from its task while a test reads what it wrote.</summary>
internal sealed class LockedStringWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            _text.Append(buffer, index, count);
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }
}
