using EmrStudio.SessionMappingHandler.Logging;


namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>An <see cref="ILog"/> that keeps every line in memory, with the fields of its scopes merged in.</summary>
internal sealed class CollectingLog : ILog
{
    private readonly List<CollectedLogLine> _lines;
    private readonly Lock _lock;
    private readonly KeyValuePair<string, object?>[] _scope;

    public CollectingLog()
        : this([], new Lock(), [])
    {
    }

    private CollectingLog(List<CollectedLogLine> lines, Lock sharedLock, KeyValuePair<string, object?>[] scope)
    {
        _lines = lines;
        _lock = sharedLock;
        _scope = scope;
    }

    public IReadOnlyList<CollectedLogLine> Lines
    {
        get
        {
            lock (_lock)
            {
                return [.. _lines];
            }
        }
    }

    public void Write(LogLevel level, string message, params ReadOnlySpan<KeyValuePair<string, object?>> fields)
    {
        var merged = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in _scope)
        {
            merged[key] = value;
        }

        foreach (var (key, value) in fields)
        {
            merged[key] = value;
        }

        lock (_lock)
        {
            _lines.Add(new CollectedLogLine(level, message, merged));
        }
    }

    public ILog With(params ReadOnlySpan<KeyValuePair<string, object?>> fields) =>
        new CollectingLog(_lines, _lock, [.. _scope, .. fields]);
}
