using System.Text;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Logging;
using EmrStudio.SessionMappingHandler.Retry;

namespace EmrStudio.SessionMappingHandler.StackStatus;

/// <summary>CloudFormation's <c>DescribeStacks</c>, the one call the handler makes to it, over the Query protocol.</summary>
internal sealed class StackStatusClient : IStackStatusReader, IDisposable
{
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(5);

    private readonly AwsHttpCaller _caller;

    public StackStatusClient(AwsHttpCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        _caller = caller;
    }

    /// <summary>The production client: TLS rooted in <paramref name="trust"/>, signed with <paramref name="credentials"/>.</summary>
    public static StackStatusClient Create(ServiceEndpoint endpoint, CertificateTrust trust, AWSCredentials credentials, ILog log)
    {
        var backoff = new Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(2));
        return new StackStatusClient(AwsHttpCaller.Create(AwsService.CloudFormation, QueryProtocol.CloudFormation, endpoint, trust, credentials, backoff, DefaultAttemptTimeout, log));
    }

    public async Task<string?> GetStackStatusAsync(string stackId, CancellationToken cancellationToken)
    {
        const string Operation = "DescribeStacks";
        int status;
        byte[] body;
        try
        {
            (status, body) = await _caller.CallAsync(Operation, QueryProtocol.CloudFormation.Form(Operation, ("StackName", stackId)), cancellationToken);
        }
        catch (AwsServiceException error) when (error.ErrorType == "ValidationError" && error.ErrorMessage.Contains("does not exist", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string? stackStatus;
        try
        {
            stackStatus = XmlText.Find(
                Encoding.UTF8.GetString(body), "DescribeStacksResponse", "DescribeStacksResult", "Stacks", "member", "StackStatus");
        }
        catch (FormatException exception)
        {
            throw new AwsServiceException(status, "InvalidResponse", $"{Operation} answered with XML that does not parse: {exception.Message}");
        }

        return string.IsNullOrEmpty(stackStatus) || !stackStatus.All(c => char.IsAsciiLetterUpper(c) || c == '_')
            ? throw new AwsServiceException(status, "InvalidResponse", $"{Operation} answered without a stack status.")
            : stackStatus;
    }

    public void Dispose() => _caller.Dispose();
}
