using System.Globalization;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using EmrStudio.Testing.Emr;
using EmrStudio.Testing.Hosting;
using Microsoft.AspNetCore.Http;

namespace EmrStudio.Testing.SecurityToken;

/// <summary>
/// STS over the AWS Query protocol (form-encoded POST to <c>/</c>, XML answers, Version 2011-06-15, SigV4 for service
/// <c>sts</c>), for the one action the handler uses: <c>AssumeRole</c>. A call needs both halves IAM asks for: the
/// caller's own <c>sts:AssumeRole</c> on the role (the <see cref="SignedAwsFake.Authorizer"/>) and the role's trust
/// policy naming the caller (<paramref name="trust"/>). Issued credentials are handed to <paramref name="issued"/>,
/// so the services that should accept them can.
/// </summary>
/// <param name="trust">The reason the role named first does not trust the caller of the access key named second, or null when it does.</param>
/// <param name="issued">Told of every session issued.</param>
public sealed class FakeSecurityToken(Func<string, string, string?> trust, Action<FakeAssumedRole> issued) : SignedAwsFake
{
    public const string Service = "sts";
    public const string ApiVersion = "2011-06-15";
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly List<FakeAssumedRole> _sessions = [];
    private int _issuedCount;

    public string Region { get; set; } = FakeEmr.Region;

    /// <summary>Every session issued, in order.</summary>
    public IReadOnlyList<FakeAssumedRole> Sessions => Snapshot(_sessions);

    protected override async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = await ReadBodyAsync(context);
        var parameters = QueryParameters(body);
        var (status, answer) = Answer(context.Request, body, parameters);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync(answer, Encoding.UTF8, context.RequestAborted);
    }

    private (int Status, string Body) Answer(HttpRequest request, byte[] body, Dictionary<string, string> parameters)
    {
        if (request.Method != "POST" || request.Path != "/" || request.QueryString.HasValue)
        {
            return Error(404, "Sender", "UnknownOperation", $"{request.Method} {request.Path}{request.QueryString} is not an AWS Query call.");
        }

        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return Error(403, "Sender", "MissingAuthenticationToken", "Request is missing Authentication Token");
        }

        var signatureProblem = SigV4Verifier.Verify(
            authorization, name => request.Headers.TryGetValue(name, out var value) ? value.ToString() : null, body, SecretFor, Region, Service);
        if (signatureProblem is not null)
        {
            return Error(403, "Sender", "SignatureDoesNotMatch", signatureProblem);
        }

        if (parameters.GetValueOrDefault("Version") != ApiVersion || parameters.GetValueOrDefault("Action") != "AssumeRole")
        {
            return Error(400, "Sender", "InvalidAction", $"{parameters.GetValueOrDefault("Action")} {parameters.GetValueOrDefault("Version")} is not AssumeRole {ApiVersion}.");
        }

        var unknown = parameters.Keys.Where(key => key is not ("Action" or "Version" or "RoleArn" or "RoleSessionName" or "DurationSeconds")).ToList();
        var roleArn = parameters.GetValueOrDefault("RoleArn");
        var sessionName = parameters.GetValueOrDefault("RoleSessionName");
        if (unknown.Count > 0 || string.IsNullOrEmpty(roleArn) || string.IsNullOrEmpty(sessionName)
            || !int.TryParse(parameters.GetValueOrDefault("DurationSeconds") ?? "3600", CultureInfo.InvariantCulture, out var seconds) || seconds is < 900 or > 43200)
        {
            return Error(400, "Sender", "ValidationError", "AssumeRole needs RoleArn, RoleSessionName and DurationSeconds in 900..43200, and nothing else.");
        }

        var accessKeyId = SigV4Verifier.AccessKeyOf(authorization)!;
        if (Authorize(accessKeyId, "sts:AssumeRole", roleArn, $"AssumeRole by {accessKeyId}") is { Allowed: false } denial)
        {
            return denial.Undecided ? Error(500, "Receiver", "InternalFailure", denial.Message) : Error(403, "Sender", "AccessDenied", denial.Message);
        }

        if (trust(roleArn, accessKeyId) is { } distrust)
        {
            return Error(403, "Sender", "AccessDenied", $"Not authorized to perform sts:AssumeRole on {roleArn}: {distrust}");
        }

        var session = new FakeAssumedRole(
            $"ASIAASSUMED{Interlocked.Increment(ref _issuedCount):D9}",
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            roleArn,
            sessionName,
            accessKeyId);
        lock (Gate)
        {
            _sessions.Add(session);
        }

        issued(session);
        var expiration = DateTimeOffset.UtcNow.AddSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return (200, $"<AssumeRoleResponse xmlns=\"{Namespace}\"><AssumeRoleResult><Credentials>"
            + $"<AccessKeyId>{session.AccessKeyId}</AccessKeyId><SecretAccessKey>{Escape(session.SecretAccessKey)}</SecretAccessKey>"
            + $"<SessionToken>{Escape(session.SessionToken)}</SessionToken><Expiration>{expiration}</Expiration></Credentials>"
            + $"<AssumedRoleUser><Arn>{Escape(roleArn)}/{Escape(sessionName)}</Arn><AssumedRoleId>AROASIMULATED:{Escape(sessionName)}</AssumedRoleId></AssumedRoleUser>"
            + $"</AssumeRoleResult><ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></AssumeRoleResponse>");
    }

    private static (int Status, string Body) Error(int status, string type, string code, string message) =>
        (status, $"<ErrorResponse xmlns=\"{Namespace}\"><Error><Type>{type}</Type><Code>{code}</Code><Message>{Escape(message)}</Message></Error>"
            + $"<RequestId>{Guid.NewGuid()}</RequestId></ErrorResponse>");

    private static string Escape(string text) => SecurityElement.Escape(text);
}
