using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Emulators;
using EmrStudio.Testing.Hosting;
using Microsoft.AspNetCore.Http;

namespace EmrStudio.Testing.Stacks.DynamoDb;

/// <summary>
/// DynamoDB as a simulated function reaches it: a gate in front of dynalite (which takes any signature and knows no
/// IAM) that checks each call's SigV4 signature and authorizes it as IAM would, <c>dynamodb:&lt;Operation&gt;</c> on
/// the table's ARN, then passes the call on unchanged and DynamoDB's answer back. Refused calls get DynamoDB's own
/// error shapes. Thread-safe.
/// </summary>
public sealed class DynamoDbGate(Func<Dynalite> dynalite) : SignedAwsFake
{
    public const string Service = "dynamodb";

    private const string TargetPrefix = "DynamoDB_20120810.";

    // One client for every gate: it only talks to loopback dynalites.
    private static readonly HttpClient Forward = new();

    private readonly List<string> _rejections = [];

    /// <summary>Calls refused before authorization (unsigned, badly signed, not DynamoDB's protocol): a function should never make one.</summary>
    public IReadOnlyList<string> Rejections => Snapshot(_rejections);

    /// <summary>The region that requests must be signed for, and the tables' region.</summary>
    public string Region { get; init; } = SimulatedAccountDefaults.Region;

    public string TableArn(string tableName) =>
        $"arn:{SimulatedAccountDefaults.Partition}:dynamodb:{Region}:{AccountId}:table/{tableName}";

    protected override async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = await ReadBodyAsync(context);
        var target = context.Request.Headers["X-Amz-Target"].ToString();

        if (Refusal(context.Request, target, body) is { } refusal)
        {
            await AnswerAsync(context, refusal.Status, "application/x-amz-json-1.0", Error(refusal.Type, refusal.Message));
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, dynalite().BaseAddress) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(context.Request.ContentType!);
        foreach (var name in new[] { "X-Amz-Target", "X-Amz-Date", "Authorization" })
        {
            request.Headers.TryAddWithoutValidation(name, context.Request.Headers[name].ToString());
        }

        using var response = await Forward.SendAsync(request, context.RequestAborted);
        await AnswerAsync(
            context,
            (int)response.StatusCode,
            response.Content.Headers.ContentType?.ToString() ?? "application/x-amz-json-1.0",
            await response.Content.ReadAsByteArrayAsync(context.RequestAborted));
    }

    private (int Status, string Type, string Message)? Refusal(HttpRequest request, string target, byte[] body)
    {
        var accessKeyId = SigV4Verifier.AccessKeyOf(request.Headers.Authorization.ToString());
        var signatureProblem = SigV4Verifier.Verify(
            request.Headers.Authorization.ToString(),
            name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null,
            body,
            SecretFor,
            Region,
            Service);
        var problem = request.Method != "POST" || request.Path != "/" ? (400, "UnknownOperationException", $"{request.Method} {request.Path} is not an AWS JSON 1.0 call.")
            : accessKeyId is null && string.IsNullOrEmpty(request.Headers.Authorization) ? (400, "MissingAuthenticationTokenException", "Request is missing Authentication Token")
            : signatureProblem is not null ? (400, SignatureErrorType(signatureProblem), signatureProblem)
            : !target.StartsWith(TargetPrefix, StringComparison.Ordinal) ? (400, "UnknownOperationException", $"Unknown operation '{target}'.")
            : request.ContentType != "application/x-amz-json-1.0" ? (400, "SerializationException", $"Content-Type '{request.ContentType}' is not application/x-amz-json-1.0.")
            : ((int, string, string)?)null;
        if (problem is { } refused)
        {
            lock (Gate)
            {
                _rejections.Add($"DynamoDB refused {target} by {accessKeyId}: {refused.Item2} {refused.Item3}");
            }

            return refused;
        }

        var operation = target[TargetPrefix.Length..];
        var table = JsonNode.Parse(body)?["TableName"]?.GetValue<string>();
        var resource = table is null ? "*" : TableArn(table);
        return Authorize(accessKeyId!, $"{Service}:{operation}", resource, $"{operation} by {accessKeyId}") is { Allowed: false } denial
            ? denial.Undecided ? (500, "InternalServerError", denial.Message) : (400, "AccessDeniedException", denial.Message)
            : null;
    }

    private static string SignatureErrorType(string problem) =>
        problem.StartsWith("The request signature", StringComparison.Ordinal) ? "InvalidSignatureException"
        : problem.StartsWith("The security token", StringComparison.Ordinal) ? "UnrecognizedClientException"
        : "IncompleteSignatureException";

    private static byte[] Error(string type, string message) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["__type"] = "com.amazon.coral.service#" + type, ["message"] = message }.ToJsonString());

    private static async Task AnswerAsync(HttpContext context, int status, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
