using System.Buffers;
using System.Text.Json;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Retry;

namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>
/// DynamoDB over AWS JSON 1.0, on the same signed, retrying caller as EMR: the four calls the record makes, written
/// and read with <see cref="Utf8JsonWriter"/> and <see cref="JsonDocument"/>, so that nothing is reflected.
/// </summary>
internal sealed class DynamoDbClient : IDynamoDbClient, IDisposable
{
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly AwsHttpCaller _caller;

    public DynamoDbClient(AwsHttpCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _caller = caller;
    }

    /// <summary>The production client: TLS rooted in <paramref name="trust"/>, signed with <paramref name="credentials"/>.</summary>
    public static DynamoDbClient Create(ServiceEndpoint endpoint, CertificateTrust trust, AWSCredentials credentials, ILog log)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(2));
        return new DynamoDbClient(AwsHttpCaller.Create(AwsService.DynamoDb, DynamoDbJsonProtocol.Instance, endpoint, trust, credentials, backoff, DefaultAttemptTimeout, log));
    }

    public async Task<IReadOnlyDictionary<string, AttributeValue>?> GetItemAsync(
        string table, IReadOnlyDictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        var payload = Write(json =>
        {
            json.WriteString("TableName", table);
            json.WritePropertyName("Key");
            DynamoDbJson.WriteItem(json, key);
            json.WriteBoolean("ConsistentRead", true);
        });
        var (status, body) = await _caller.CallAsync("GetItem", payload, cancellationToken);
        using var document = Parse("GetItem", status, body);
        return document.RootElement.TryGetProperty("Item", out var item) ? DynamoDbJson.ReadItem(item) : null;
    }

    public async Task PutItemAsync(
        string table, IReadOnlyDictionary<string, AttributeValue> item, ConditionalWrite? condition, CancellationToken cancellationToken)
    {
        var payload = Write(json =>
        {
            json.WriteString("TableName", table);
            json.WritePropertyName("Item");
            DynamoDbJson.WriteItem(json, item);
            WriteCondition(json, condition);
        });
        await _caller.CallAsync("PutItem", payload, cancellationToken);
    }

    public async Task DeleteItemAsync(
        string table, IReadOnlyDictionary<string, AttributeValue> key, ConditionalWrite? condition, CancellationToken cancellationToken)
    {
        var payload = Write(json =>
        {
            json.WriteString("TableName", table);
            json.WritePropertyName("Key");
            DynamoDbJson.WriteItem(json, key);
            WriteCondition(json, condition);
        });
        await _caller.CallAsync("DeleteItem", payload, cancellationToken);
    }

    public async Task<ScanPage> ScanAsync(
        string table, IReadOnlyDictionary<string, AttributeValue>? exclusiveStartKey, int limit, CancellationToken cancellationToken)
    {
        var payload = Write(json =>
        {
            json.WriteString("TableName", table);
            json.WriteNumber("Limit", limit);
            json.WriteBoolean("ConsistentRead", true);
            if (exclusiveStartKey is not null)
            {
                json.WritePropertyName("ExclusiveStartKey");
                DynamoDbJson.WriteItem(json, exclusiveStartKey);
            }
        });
        var (status, body) = await _caller.CallAsync("Scan", payload, cancellationToken);
        using var document = Parse("Scan", status, body);
        var root = document.RootElement;
        var items = root.TryGetProperty("Items", out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(item => (IReadOnlyDictionary<string, AttributeValue>)DynamoDbJson.ReadItem(item)).ToList()
            : [];
        var last = root.TryGetProperty("LastEvaluatedKey", out var key) ? DynamoDbJson.ReadItem(key) : null;
        return new ScanPage(items, last is { Count: > 0 } ? last : null);
    }

    public void Dispose() => _caller.Dispose();

    private static void WriteCondition(Utf8JsonWriter json, ConditionalWrite? condition)
    {
        if (condition is null)
        {
            return;
        }

        json.WriteString("ConditionExpression", condition.Expression);
        if (condition.Names.Count > 0)
        {
            json.WriteStartObject("ExpressionAttributeNames");
            foreach (var (placeholder, name) in condition.Names)
            {
                json.WriteString(placeholder, name);
            }

            json.WriteEndObject();
        }

        if (condition.Values.Count > 0)
        {
            json.WritePropertyName("ExpressionAttributeValues");
            DynamoDbJson.WriteItem(json, condition.Values);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static JsonDocument Parse(string operation, int status, byte[] body)
    {
        try
        {
            var document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            document.Dispose();
        }
        catch (JsonException)
        {
        }

        throw new DynamoDbException(status, "InvalidResponse", $"{operation} answered with a body that is not a JSON object.");
    }
}
