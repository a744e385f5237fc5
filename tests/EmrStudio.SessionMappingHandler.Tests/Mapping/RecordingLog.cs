using EmrStudio.SessionMappingHandler.Logging;

namespace EmrStudio.SessionMappingHandler.Tests.Mapping;

/// <summary>Keeps what was logged, so tests can see that a leaked mapping is reported.</summary>
internal sealed class RecordingLog : ILog
{
    public List<(LogLevel Level, string Message)> Lines { get; } = [];

    public void Write(LogLevel level, string message, params ReadOnlySpan<KeyValuePair<string, object?>> fields) =>
        Lines.Add((level, message));

    public ILog With(params ReadOnlySpan<KeyValuePair<string, object?>> fields) => this;
}
