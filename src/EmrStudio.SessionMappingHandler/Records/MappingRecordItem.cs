using EmrStudio.SessionMappingHandler.Text;


namespace EmrStudio.SessionMappingHandler.Records;

/// <summary>
/// How a <see cref="MappingRecord"/> is stored: one DynamoDB item keyed by <c>pk</c> = <c>&lt;StackId&gt;|&lt;LogicalResourceId&gt;</c>,
/// with flat attributes an operator can read in the console, the answers as a list of maps, and the tombstone's
/// expiry in <see cref="ExpiresAtAttribute"/> (the table's TTL attribute).
/// </summary>
internal static class MappingRecordItem
{
    public const string KeyAttribute = "pk";
    public const string VersionAttribute = "Version";
    public const string ExpiresAtAttribute = "ExpiresAt";

    /// <summary>Keys of items that are not records (the reconcile checkpoint) start with this; a StackId never does.</summary>
    public const string ReservedKeyPrefix = "#";

    /// <summary>Reasons are cut to this many characters in the history: CloudFormation's answer holds 4 KB in all.</summary>
    public const int MaxStoredReasonLength = 1024;

    public static string KeyOf(string stackId, string logicalResourceId) => $"{stackId}|{logicalResourceId}";

    public static Dictionary<string, AttributeValue> Key(string key) => new(StringComparer.Ordinal) { [KeyAttribute] = AttributeValue.String(key) };

    public static Dictionary<string, AttributeValue> ToItem(MappingRecord record)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [KeyAttribute] = AttributeValue.String(KeyOf(record.StackId, record.LogicalResourceId)),
            ["StackId"] = AttributeValue.String(record.StackId),
            ["LogicalResourceId"] = AttributeValue.String(record.LogicalResourceId),
            ["State"] = AttributeValue.String(record.State == RecordState.Active ? "ACTIVE" : "DELETED"),
            ["LastRequestId"] = AttributeValue.String(record.LastRequestId),
            ["LastRequestType"] = AttributeValue.String(record.LastRequestType),
            ["LastIssuedAt"] = AttributeValue.Number(record.LastIssuedAt.ToUnixTimeSeconds()),
            ["LastActedAt"] = AttributeValue.Number(record.LastActedAt.ToUnixTimeSeconds()),
            ["History"] = AttributeValue.List([.. record.History.Select(ToValue)]),
            [VersionAttribute] = AttributeValue.Number(record.Version),
        };
        AddIfSet(item, "PhysicalResourceId", record.PhysicalResourceId);
        if (record.Desired is { } desired)
        {
            item["StudioId"] = AttributeValue.String(desired.StudioId);
            AddIfSet(item, "StudioName", desired.StudioName);
            item["IdentityType"] = AttributeValue.String(desired.IdentityType);
            item["IdentityId"] = AttributeValue.String(desired.IdentityId);
            AddIfSet(item, "IdentityName", desired.IdentityName);
            item["SessionPolicyArn"] = AttributeValue.String(desired.SessionPolicyArn);
        }

        if (record.ExpiresAt is { } expires)
        {
            item[ExpiresAtAttribute] = AttributeValue.Number(expires.ToUnixTimeSeconds());
        }

        return item;
    }

    /// <summary>The record an item holds, or null when the item is not one (a reserved item, or one missing its core).</summary>
    public static MappingRecord? FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        if (Text(item, "StackId") is not { } stackId || Text(item, "LogicalResourceId") is not { } logicalId
            || Text(item, "LastRequestId") is not { } lastRequestId || Text(item, KeyAttribute) is not { } key
            || key.StartsWith(ReservedKeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var active = Text(item, "State") == "ACTIVE";
        DesiredMapping? desired = null;
        if (Text(item, "StudioId") is { } studioId && Text(item, "IdentityType") is { } type
            && Text(item, "IdentityId") is { } identityId && Text(item, "SessionPolicyArn") is { } policy)
        {
            desired = new DesiredMapping(studioId, Text(item, "StudioName"), type, identityId, Text(item, "IdentityName"), policy);
        }

        return new MappingRecord
        {
            StackId = stackId,
            LogicalResourceId = logicalId,
            // An active record without a complete desired mapping cannot be re-applied: it reads as a tombstone.
            State = active && desired is not null ? RecordState.Active : RecordState.Deleted,
            PhysicalResourceId = Text(item, "PhysicalResourceId"),
            Desired = desired,
            LastRequestId = lastRequestId,
            LastRequestType = Text(item, "LastRequestType") ?? string.Empty,
            LastIssuedAt = Time(item, "LastIssuedAt") ?? DateTimeOffset.UnixEpoch,
            LastActedAt = Time(item, "LastActedAt") ?? DateTimeOffset.UnixEpoch,
            History = item.TryGetValue("History", out var history) && history.L is { } answers
                ? [.. answers.Select(FromValue).OfType<RecordedAnswer>()]
                : [],
            ExpiresAt = Time(item, ExpiresAtAttribute),
            Version = item.TryGetValue(VersionAttribute, out var version) ? version.AsLong() ?? 0 : 0,
        };
    }

    private static AttributeValue ToValue(RecordedAnswer answer)
    {
        var map = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            ["RequestId"] = AttributeValue.String(answer.RequestId),
            ["Status"] = AttributeValue.String(answer.Status),
            ["PhysicalResourceId"] = AttributeValue.String(answer.PhysicalResourceId),
        };
        if (answer.Reason is { } reason)
        {
            map["Reason"] = AttributeValue.String(reason.Length > MaxStoredReasonLength ? Utf16Text.Truncate(reason, MaxStoredReasonLength) : reason);
        }

        if (answer.Data is { } data)
        {
            map["Data"] = AttributeValue.Map(data.ToDictionary(pair => pair.Key, pair => AttributeValue.String(pair.Value), StringComparer.Ordinal));
        }

        return AttributeValue.Map(map);
    }

    private static RecordedAnswer? FromValue(AttributeValue value)
    {
        if (value.M is not { } map || Text(map, "RequestId") is not { } requestId || Text(map, "Status") is not { } status
            || Text(map, "PhysicalResourceId") is not { } physicalId)
        {
            return null;
        }

        Dictionary<string, string>? data = null;
        if (map.TryGetValue("Data", out var dataValue) && dataValue.M is { } members)
        {
            data = members.Where(pair => pair.Value.S is not null).ToDictionary(pair => pair.Key, pair => pair.Value.S!, StringComparer.Ordinal);
        }

        return new RecordedAnswer(requestId, status, physicalId, Text(map, "Reason"), data);
    }

    private static void AddIfSet(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = AttributeValue.String(value);
        }
    }

    private static string? Text(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static DateTimeOffset? Time(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.AsLong() is { } seconds && seconds is >= 0 and < 253_402_300_799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
