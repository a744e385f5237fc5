using System.Text.Json;
using EmrStudio.SessionMappingHandler.Logging;

namespace EmrStudio.SessionMappingHandler.Tests.TestDoubles;

/// <summary>A real <see cref="JsonLogger"/> writing to memory, so that tests see exactly what stdout would.</summary>
internal sealed class CapturedJsonLog
{
    private readonly StringWriter _writer = new();

    public CapturedJsonLog(TimeProvider? time = null, LogLevel minimumLevel = LogLevel.Debug)
    {
        Log = new JsonLogger(_writer, time, minimumLevel);
    }

    public JsonLogger Log { get; }

    /// <summary>Everything written so far; read it once the code under test has finished writing.</summary>
    public string Text => _writer.ToString();

    public IReadOnlyList<string> RawLines => Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Every line parsed; a line that is not one JSON object fails the test here.</summary>
    public IReadOnlyList<JsonElement> Lines => [.. RawLines.Select(line => JsonDocument.Parse(line).RootElement.Clone())];

    public IReadOnlyList<JsonElement> LinesWith(string field, string value) =>
        [.. Lines.Where(line => line.TryGetProperty(field, out var member) && member.ValueKind == JsonValueKind.String && member.GetString() == value)];
}
