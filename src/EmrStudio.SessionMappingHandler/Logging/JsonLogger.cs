using System.Globalization;
using System.Text.Json;

namespace EmrStudio.SessionMappingHandler.Logging;

/// <summary>
/// Writes one JSON object per line: <c>timestamp</c> (RFC 3339, UTC, milliseconds), <c>level</c> (<c>INFO</c>, ...),
/// <c>message</c>, then the scoped fields and the line's own fields: the keys Lambda's JSON log format and CloudWatch
/// Logs Insights read, so that Lambda's own log-level filtering applies. Lines below the minimum level are not
/// written. Every string passes through <see cref="LogRedactor"/>, so callers cannot leak a ResponseURL's query
/// string or a credential by accident.
/// </summary>
internal sealed class JsonLogger : ILog, IMetricSink
{
    private readonly JsonLineSink _sink;
    private readonly TimeProvider _time;
    private readonly LogLevel _minimumLevel;
    private readonly KeyValuePair<string, object?>[] _scope;

    public JsonLogger(TextWriter writer, TimeProvider? time = null, LogLevel minimumLevel = LogLevel.Trace)
        : this(new JsonLineSink(writer), time ?? TimeProvider.System, minimumLevel, [])
    {
    }

    public JsonLogger(Stream stream, TimeProvider? time = null, LogLevel minimumLevel = LogLevel.Trace)
        : this(new JsonLineSink(stream), time ?? TimeProvider.System, minimumLevel, [])
    {
    }

    private JsonLogger(JsonLineSink sink, TimeProvider time, LogLevel minimumLevel, KeyValuePair<string, object?>[] scope)
    {
        _sink = sink;
        _time = time;
        _minimumLevel = minimumLevel;
        _scope = scope;
    }

    public void Write(LogLevel level, string message, params ReadOnlySpan<KeyValuePair<string, object?>> fields)
    {
        if (level < _minimumLevel)
        {
            return;
        }

        var line = new LogLine(_time.GetUtcNow(), level, message, _scope, fields.ToArray());
        _sink.WriteLine(line, static (json, state) => state.WriteTo(json));
    }

    /// <summary>
    /// One line in CloudWatch embedded metric format: the usual fields, the dimensions and counts as top-level members,
    /// and the <c>_aws</c> object that names them. Written whatever the minimum level, since metrics are not logs
    /// one filters out.
    /// </summary>
    public void Write(string message, MetricSet metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var time = _time.GetUtcNow();
        _sink.WriteLine((time, message, metrics, _scope), static (json, state) =>
        {
            var (time, message, metrics, scope) = state;
            json.WriteStartObject();
            json.WriteString("timestamp", time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LambdaLogLevel.Name(LogLevel.Info));
            json.WriteString("message", message);
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", time.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metrics.Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            foreach (var (name, _) in metrics.Dimensions)
            {
                json.WriteStringValue(name);
            }

            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, _) in metrics.Counts)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", "Count");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            foreach (var (name, value) in metrics.Dimensions)
            {
                json.WriteString(name, value);
            }

            foreach (var (name, value) in metrics.Counts)
            {
                json.WriteNumber(name, value);
            }

            foreach (var (name, value) in scope)
            {
                if (value is string text)
                {
                    json.WriteString(name, LogRedactor.Redact(text));
                }
            }

            json.WriteEndObject();
        });
    }

    public ILog With(params ReadOnlySpan<KeyValuePair<string, object?>> fields)
    {
        if (fields.IsEmpty)
        {
            return this;
        }

        return new JsonLogger(_sink, _time, _minimumLevel, [.. _scope, .. fields]);
    }

    private readonly record struct LogLine(
        DateTimeOffset Time,
        LogLevel Level,
        string Message,
        KeyValuePair<string, object?>[] Scope,
        KeyValuePair<string, object?>[] Fields)
    {
        public void WriteTo(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("timestamp", Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            json.WriteString("level", LambdaLogLevel.Name(Level));
            json.WriteString("message", LogRedactor.Redact(Message));
            foreach (var field in Scope)
            {
                WriteField(json, field.Key, field.Value);
            }

            foreach (var field in Fields)
            {
                WriteField(json, field.Key, field.Value);
            }

            json.WriteEndObject();
        }

        private static void WriteField(Utf8JsonWriter json, string name, object? value)
        {
            if (value is not null && LogRedactor.IsSensitiveName(name))
            {
                json.WriteString(name, LogRedactor.Redacted);
                return;
            }

            switch (value)
            {
                case null:
                    json.WriteNull(name);
                    break;
                case string text:
                    json.WriteString(name, LogRedactor.Redact(text));
                    break;
                case bool flag:
                    json.WriteBoolean(name, flag);
                    break;
                case int or long or short or sbyte:
                    json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case uint or ulong or ushort or byte:
                    json.WriteNumber(name, Convert.ToUInt64(value, CultureInfo.InvariantCulture));
                    break;
                case double number when double.IsFinite(number):
                    json.WriteNumber(name, number);
                    break;
                case float number when float.IsFinite(number):
                    json.WriteNumber(name, number);
                    break;
                case decimal number:
                    json.WriteNumber(name, number);
                    break;
                case TimeSpan duration:
                    json.WriteNumber(name, Math.Round(duration.TotalMilliseconds, 3));
                    break;
                case DateTimeOffset instant:
                    json.WriteString(name, instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                    break;
                case DateTime instant:
                    json.WriteString(name, instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                    break;
                default:
                    json.WriteString(name, LogRedactor.Redact(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty));
                    break;
            }
        }
    }
}
