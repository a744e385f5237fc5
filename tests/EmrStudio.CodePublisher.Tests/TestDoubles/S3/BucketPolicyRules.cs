using System.Text.Json;
using System.Text.Json.Nodes;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>
/// What S3 checks in a PutBucketPolicy body: a JSON policy whose statements name only this bucket and its objects, and,
/// while BlockPublicPolicy is on, no statement that S3 counts as public: an Allow to every principal that no
/// fixed-value condition on the caller's organization, account, source or network narrows.
/// </summary>
public static class BucketPolicyRules
{
    private static readonly HashSet<string> NarrowingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:userid",
        "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceIp",
        "s3:DataAccessPointArn", "s3:DataAccessPointAccount",
    };

    private static readonly HashSet<string> FixedValueOperators = new(StringComparer.Ordinal)
    {
        "StringEquals", "StringEqualsIgnoreCase", "ArnEquals", "IpAddress",
    };

    /// <summary>The stored form (S3 hands a policy back without the whitespace it was sent with), or the error S3 answers.</summary>
    public static (string? Policy, S3Error? Error) Check(byte[] body, string partition, string bucket, bool blockPublicPolicy)
    {
        JsonObject policy;
        try
        {
            policy = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return (null, S3Errors.MalformedPolicy("Policies must be valid JSON and the first byte must be '{'"));
        }

        var statements = policy["Statement"] switch
        {
            JsonArray array => array.OfType<JsonObject>().ToList(),
            JsonObject single => [single],
            _ => [],
        };
        if (statements.Count == 0)
        {
            return (null, S3Errors.MalformedPolicy("Missing required field Statement"));
        }

        var bucketArn = $"arn:{partition}:s3:::{bucket}";
        foreach (var statement in statements)
        {
            if (Text(statement["Effect"]) is not ("Allow" or "Deny") || statement["Principal"] is null || statement["Action"] is null)
            {
                return (null, S3Errors.MalformedPolicy("Statement is missing Effect, Principal or Action"));
            }

            var resources = Strings(statement["Resource"]);
            if (resources.Count == 0 || resources.Any(resource => resource != bucketArn && !resource.StartsWith(bucketArn + "/", StringComparison.Ordinal)))
            {
                return (null, S3Errors.MalformedPolicy("Policy has invalid resource"));
            }
        }

        if (blockPublicPolicy && statements.Any(IsPublic))
        {
            return (null, S3Errors.AccessDenied);
        }

        return (policy.ToJsonString(), null);
    }

    private static bool IsPublic(JsonObject statement)
    {
        if (Text(statement["Effect"]) != "Allow")
        {
            return false;
        }

        var principal = statement["Principal"];
        var everyone = principal is JsonValue ? Text(principal) == "*" : principal is JsonObject named && Strings(named["AWS"]).Contains("*");
        if (!everyone)
        {
            return false;
        }

        var conditions = statement["Condition"] as JsonObject ?? [];
        return !conditions.Any(condition =>
            FixedValueOperators.Contains(condition.Key) && condition.Value is JsonObject keys
            && keys.Any(key => NarrowingKeys.Contains(key.Key) && Strings(key.Value).All(text => !text.Contains('*', StringComparison.Ordinal))));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        JsonArray array => [.. array.OfType<JsonValue>().Where(item => item.GetValueKind() == JsonValueKind.String).Select(item => item.GetValue<string>())],
        _ => [],
    };
}
