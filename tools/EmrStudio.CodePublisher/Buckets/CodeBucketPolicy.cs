using System.Text.Json;
using System.Text.Json.Nodes;
using EmrStudio.CodePublisher.Code;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>
/// The two statements a code bucket's policy must hold: no request without TLS, and <c>s3:GetObject</c> on the code
/// objects for every principal of the organization (CloudFormation and Lambda read the code with the deploying
/// account's credentials, whichever account that is). They are recognised by their Sids; other statements of the
/// policy are the bucket owner's and are kept as they are.
/// </summary>
internal static class CodeBucketPolicy
{
    public const string DenyInsecureTransportSid = "EmrStudioCodeDenyInsecureTransport";
    public const string OrganizationReadSid = "EmrStudioCodeOrganizationRead";
    public const string Version = "2012-10-17";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static IReadOnlyList<JsonObject> Statements(string partition, string bucket, string organizationId)
    {
        var bucketArn = $"arn:{partition}:s3:::{bucket}";
        return
        [
            new JsonObject
            {
                ["Sid"] = DenyInsecureTransportSid,
                ["Effect"] = "Deny",
                ["Principal"] = "*",
                ["Action"] = "s3:*",
                ["Resource"] = new JsonArray(bucketArn, $"{bucketArn}/*"),
                ["Condition"] = new JsonObject { ["Bool"] = new JsonObject { ["aws:SecureTransport"] = "false" } },
            },
            new JsonObject
            {
                ["Sid"] = OrganizationReadSid,
                ["Effect"] = "Allow",
                ["Principal"] = "*",
                ["Action"] = "s3:GetObject",
                ["Resource"] = $"{bucketArn}/{CodeKey.Folder}/*",
                ["Condition"] = new JsonObject { ["StringEquals"] = new JsonObject { ["aws:PrincipalOrgID"] = organizationId } },
            },
        ];
    }

    /// <summary>The policy of a bucket that holds nothing else: the two statements alone.</summary>
    public static string Document(string partition, string bucket, string organizationId) =>
        new JsonObject
        {
            ["Version"] = Version,
            ["Statement"] = new JsonArray([.. Statements(partition, bucket, organizationId)]),
        }.ToJsonString(Indented);

    /// <summary>
    /// <paramref name="existing"/> (null: no policy) with the desired statements in it: each replaces the statement with
    /// its Sid, or is added. <see cref="PolicyMerge.Changed"/> is false when every desired statement was there already.
    /// </summary>
    public static PolicyMerge Merge(string? existing, IReadOnlyList<JsonObject> desired)
    {
        ArgumentNullException.ThrowIfNull(desired);
        JsonObject document;
        try
        {
            document = existing is null
                ? new JsonObject { ["Version"] = Version }
                : JsonNode.Parse(existing) as JsonObject ?? throw new JsonException("the policy is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"the bucket's policy is not readable JSON ({exception.Message})", exception);
        }

        var existingStatements = document["Statement"];
        document.Remove("Statement");
        var statements = existingStatements switch
        {
            JsonArray array => array,
            JsonObject single => new JsonArray(single),
            null => [],
            _ => throw new InvalidDataException("the bucket's policy has a Statement that is neither an object nor a list"),
        };
        var changed = new List<string>();
        foreach (var statement in desired)
        {
            var sid = statement["Sid"]!.GetValue<string>();
            var index = statements.ToList().FindIndex(node => node is JsonObject candidate && candidate["Sid"] is JsonValue value
                && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() == sid);
            if (index < 0)
            {
                statements.Add(statement.DeepClone());
                changed.Add($"{sid} missing");
            }
            else if (!PolicyJson.SameMeaning(statements[index], statement))
            {
                statements[index] = statement.DeepClone();
                changed.Add($"{sid} different");
            }
        }

        document["Statement"] = statements;
        var others = statements.Count(node => node is not JsonObject candidate
            || candidate["Sid"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String
            || desired.All(statement => statement["Sid"]!.GetValue<string>() != value.GetValue<string>()));
        return new PolicyMerge(document.ToJsonString(), changed, others);
    }
}
