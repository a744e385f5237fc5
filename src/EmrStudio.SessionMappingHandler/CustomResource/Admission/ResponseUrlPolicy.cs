using EmrStudio.SessionMappingHandler.Aws;


namespace EmrStudio.SessionMappingHandler.CustomResource.Admission;

/// <summary>
/// Which ResponseURLs the handler will PUT an answer to: <c>https</c> on a host under an AWS partition's DNS suffix
/// (where CloudFormation's pre-signed S3 URLs live), on the default port and without user information; or any
/// <c>http</c>/<c>https</c> URL on a host that <c>EMRSTUDIO_TRUSTED_RESPONSE_HOSTS</c> lists (local emulators, tests).
/// </summary>
/// <remarks>
/// The answer is written by whoever invokes the function; without this check an invocation could make the handler
/// send requests to any host it can reach (instance metadata, internal services). Suffixes are matched at a label
/// boundary, so <c>amazonaws.com.example.net</c> and <c>evilamazonaws.com</c> are not AWS hosts; an IP literal never is.
/// </remarks>
internal sealed class ResponseUrlPolicy
{
    public const string TrustedHostsVariable = "EMRSTUDIO_TRUSTED_RESPONSE_HOSTS";

    private readonly IReadOnlyList<TrustedResponseHost> _trustedHosts;

    public ResponseUrlPolicy(IReadOnlyList<TrustedResponseHost> trustedHosts) => _trustedHosts = trustedHosts;

    /// <summary>The policy <c>EMRSTUDIO_TRUSTED_RESPONSE_HOSTS</c> describes (comma-separated; empty entries ignored).</summary>
    /// <exception cref="InvalidOperationException">An entry is not a host name, an IP literal, or either with a port.</exception>
    public static ResponseUrlPolicy FromVariable(string? value)
    {
        var hosts = new List<TrustedResponseHost>();
        foreach (var entry in (value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            hosts.Add(TrustedResponseHost.TryParse(entry)
                ?? throw new InvalidOperationException(
                    $"{TrustedHostsVariable} lists '{entry}', which is not a host name or IP address, optionally with :port."));
        }

        return new ResponseUrlPolicy(hosts);
    }

    /// <summary>Null when the handler may answer at <paramref name="responseUrl"/>; otherwise why not, for the log and the Runtime API.</summary>
    /// <param name="responseUrl">The event's ResponseURL (already known to be an absolute http(s) URL).</param>
    /// <param name="partition">The function's partition, whose DNS suffix the URL's host must carry; null accepts any partition's.</param>
    public string? Refusal(string responseUrl, AwsPartition? partition)
    {
        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var url))
        {
            return "it is not an absolute URL";
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return "it carries user information, which a CloudFormation ResponseURL never does";
        }

        if (_trustedHosts.Any(host => host.Matches(url)))
        {
            return null;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            return $"it uses {url.Scheme}, and its host is not listed in {TrustedHostsVariable}";
        }

        if (url.HostNameType != UriHostNameType.Dns || !url.IsDefaultPort || !IsAwsHost(url.IdnHost, partition))
        {
            var where = partition is null ? "an AWS partition's" : $"the {partition.Name} partition's";
            return $"its host {url.IdnHost} is not under {where} domain (or it names a port), and is not listed in {TrustedHostsVariable}";
        }

        return null;
    }

    private static bool IsAwsHost(string host, AwsPartition? partition)
    {
        IEnumerable<AwsPartition> candidates = partition is null ? AwsPartition.All : [partition];
        foreach (var candidate in candidates)
        {
            if (host.EndsWith('.' + candidate.DnsSuffix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
