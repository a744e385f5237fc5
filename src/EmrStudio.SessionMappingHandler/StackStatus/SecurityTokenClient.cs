using System.Globalization;
using System.Text;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Retry;

namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>STS's <c>AssumeRole</c>, over the Query protocol: the one call that lets the handler read a stack of another account.</summary>
internal sealed class SecurityTokenClient : IDisposable
{
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly AwsHttpCaller _caller;

    public SecurityTokenClient(AwsHttpCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _caller = caller;
    }

    public static SecurityTokenClient Create(ServiceEndpoint endpoint, CertificateTrust trust, AWSCredentials credentials, ILog log)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
        return new SecurityTokenClient(AwsHttpCaller.Create(AwsService.SecurityToken, QueryProtocol.SecurityToken, endpoint, trust, credentials, backoff, DefaultAttemptTimeout, log));
    }

    /// <summary>Short-lived credentials of <paramref name="roleArn"/>, and when they expire.</summary>
    public async Task<(ImmutableCredentials Credentials, DateTimeOffset Expiration)> AssumeRoleAsync(
        string roleArn, string sessionName, TimeSpan duration, CancellationToken cancellationToken)
    {
        const string Operation = "AssumeRole";
        var form = QueryProtocol.SecurityToken.Form(
            Operation,
            ("RoleArn", roleArn),
            ("RoleSessionName", sessionName),
            ("DurationSeconds", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
        var (status, body) = await _caller.CallAsync(Operation, form, cancellationToken);
        string? Read(string element)
        {
            try
            {
                return XmlText.Find(Encoding.UTF8.GetString(body), "AssumeRoleResponse", "AssumeRoleResult", "Credentials", element);
            }
            catch (FormatException exception)
            {
                throw new AwsServiceException(status, "InvalidResponse", $"{Operation} answered with XML that does not parse: {exception.Message}");
            }
        }

        var accessKey = Read("AccessKeyId");
        var secret = Read("SecretAccessKey");
        var token = Read("SessionToken");
        var expiration = Read("Expiration");
        if (string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(token)
            || !DateTimeOffset.TryParse(expiration, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var expires))
        {
            throw new AwsServiceException(status, "InvalidResponse", $"{Operation} answered without complete credentials.");
        }

        return (new ImmutableCredentials(accessKey, secret, token), expires);
    }

    public void Dispose() => _caller.Dispose();
}
