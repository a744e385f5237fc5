using System.Globalization;
using System.Security;
using System.Text;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Hosting;
using Microsoft.AspNetCore.Http;

namespace EmrStudio.Testing.CloudFormationApi;

/// <summary>
/// CloudFormation's API over the AWS Query protocol (form-encoded POST to <c>/</c>, XML answers, Version 2010-05-15,
/// SigV4 for service <c>cloudformation</c>), for the one action the handler uses: <c>DescribeStacks</c>. Stacks come
/// from a lookup the owner supplies, so the status is the one of that moment. Requests are validated strictly,
/// authorized like EMR's when an <see cref="SignedAwsFake.Authorizer"/> is set, and recorded. Thread-safe.
/// </summary>
public sealed class FakeCloudFormation : SignedAwsFake
{
    public const string Service = "cloudformation";
    public const string ApiVersion = "2010-05-15";
    public const string Namespace = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private readonly Func<string, FakeStackDescription?> _lookup;
    private readonly List<FakeCloudFormationRequest> _requests = [];
    private readonly Random _random;

    /// <param name="lookup">The stack a StackName (a name or a stack id) names now, or null when there is none.</param>
    /// <param name="seed">Seeds the throttling draw.</param>
    public FakeCloudFormation(Func<string, FakeStackDescription?> lookup, int seed = 20100515)
    {
        _lookup = lookup;
        _random = new Random(seed);
    }

    public string Region { get; set; } = FakeEmr.Region;

    /// <summary>The fraction of calls answered with a Throttling error.</summary>
    public double ThrottleFraction { get; set; }

    public IReadOnlyList<FakeCloudFormationRequest> Requests => Snapshot(_requests);

    protected override async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = await ReadBodyAsync(context);
        var parameters = QueryParameters(body);
        var accessKeyId = SigV4Verifier.AccessKeyOf(context.Request.Headers.Authorization.ToString());

        var (status, answer, summary) = Answer(context.Request, body, parameters, accessKeyId);
        lock (Gate)
        {
            _requests.Add(new FakeCloudFormationRequest(parameters, accessKeyId, DateTimeOffset.UtcNow, status, summary));
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(answer, Encoding.UTF8, context.RequestAborted);
    }

    private (int Status, string Body, string Summary) Answer(HttpRequest request, byte[] body, Dictionary<string, string> parameters, string? accessKeyId)
    {
        if (request.Method != "POST" || request.Path != "/" || request.QueryString.HasValue)
        {
            return Error(404, "Sender", "UnknownOperation", $"{request.Method} {request.Path}{request.QueryString} is not an AWS Query call.");
        }

        var contentType = request.ContentType ?? string.Empty;
        if (!contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return Error(400, "Sender", "InvalidParameterValue", $"Content-Type '{contentType}' is not application/x-www-form-urlencoded.");
        }

        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return Error(403, "Sender", "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        var signatureProblem = SigV4Verifier.Verify(
            authorization,
            name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null,
            body,
            SecretFor,
            Region,
            Service);
        if (signatureProblem is not null)
        {
            return Error(403, "Sender", signatureProblem.StartsWith("The request signature", StringComparison.Ordinal) ? "SignatureDoesNotMatch" : "IncompleteSignature", signatureProblem);
        }

        if (parameters.GetValueOrDefault("Version") != ApiVersion)
        {
            return Error(400, "Sender", "InvalidParameterValue", $"Version '{parameters.GetValueOrDefault("Version")}' is not {ApiVersion}.");
        }

        if (parameters.GetValueOrDefault("Action") != "DescribeStacks")
        {
            return Error(400, "Sender", "InvalidAction", $"The action {parameters.GetValueOrDefault("Action")} is not valid for this web service.");
        }

        var unknown = parameters.Keys.Where(key => key is not ("Action" or "Version" or "StackName" or "NextToken")).ToList();
        if (unknown.Count > 0)
        {
            return Error(400, "Sender", "ValidationError", $"Unknown parameter(s): {string.Join(", ", unknown)}.");
        }

        bool throttled;
        lock (Gate)
        {
            throttled = _random.NextDouble() < ThrottleFraction;
        }

        if (throttled)
        {
            return Error(400, "Sender", "Throttling", "Rate exceeded");
        }

        var stackName = parameters.GetValueOrDefault("StackName");
        if (string.IsNullOrEmpty(stackName))
        {
            // Listing every stack is not something the handler may need: refuse rather than guess.
            return Error(400, "Sender", "ValidationError", "StackName is required by this fake.");
        }

        var stack = _lookup(stackName);
        var resource = stack?.StackId
            ?? (stackName.StartsWith("arn:", StringComparison.Ordinal) ? stackName : $"arn:aws:cloudformation:{Region}:{AccountId}:stack/{stackName}/*");
        // With an Authorizer, DescribeStacks needs cloudformation:DescribeStacks on the stack's ARN.
        if (Authorize(accessKeyId!, "cloudformation:DescribeStacks", resource, $"DescribeStacks by {accessKeyId}") is { Allowed: false } denial)
        {
            return denial.Undecided ? Error(500, "Receiver", "InternalFailure", denial.Message) : Error(403, "Sender", "AccessDenied", denial.Message);
        }

        return stack is null
            ? Error(400, "Sender", "ValidationError", $"Stack with id {stackName} does not exist")
            : (200, Describe(stack), stack.StackStatus);
    }

    private static string Describe(FakeStackDescription stack)
    {
        var lastUpdated = stack.LastUpdatedTime is { } updated ? $"<LastUpdatedTime>{Timestamp(updated)}</LastUpdatedTime>" : string.Empty;
        return $"<DescribeStacksResponse xmlns=\"{Namespace}\"><DescribeStacksResult><Stacks><member>"
            + $"<StackName>{Escape(stack.StackName)}</StackName><StackId>{Escape(stack.StackId)}</StackId>"
            + $"<CreationTime>{Timestamp(stack.CreationTime)}</CreationTime>{lastUpdated}"
            + $"<StackStatus>{stack.StackStatus}</StackStatus><DisableRollback>false</DisableRollback>"
            + "<NotificationARNs/><Tags/><EnableTerminationProtection>false</EnableTerminationProtection>"
            + "<DriftInformation><StackDriftStatus>NOT_CHECKED</StackDriftStatus></DriftInformation>"
            + $"</member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></DescribeStacksResponse>";
    }

    private static (int Status, string Body, string Summary) Error(int status, string type, string code, string message) =>
        (status, $"<ErrorResponse xmlns=\"{Namespace}\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{Escape(message)}</Message></Error>"
            + $"<RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>", code);

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) => SecurityElement.Escape(text);
}
