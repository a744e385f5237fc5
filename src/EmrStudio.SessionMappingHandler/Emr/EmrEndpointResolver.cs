using EmrStudio.SessionMappingHandler.Helpers;

namespace EmrStudio.SessionMappingHandler.Emr;

/// <summary>
/// Finds the EMR endpoint the way the AWS SDKs do: the service-specific override <c>AWS_ENDPOINT_URL_EMR</c>, then the
/// global <c>AWS_ENDPOINT_URL</c>, then the regional public endpoint. The region comes from <c>AWS_REGION</c> (which
/// Lambda sets) or <c>AWS_DEFAULT_REGION</c>, and is needed even with an override because the signature names it.
/// </summary>
internal static class EmrEndpointResolver
{
    public const string ServiceEndpointVariable = "AWS_ENDPOINT_URL_EMR";
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
    public const string RegionVariable = "AWS_REGION";
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";

    /// <exception cref="InvalidOperationException">No region is set, or an override is not an absolute http(s) URL.</exception>
    public static EmrEndpoint Resolve(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);

        var region = NonBlank(environment, RegionVariable) ?? NonBlank(environment, DefaultRegionVariable)
            ?? throw new InvalidOperationException(
                $"No AWS region is configured: set {RegionVariable} (Lambda sets it) or {DefaultRegionVariable}.");

        foreach (var variable in (ReadOnlySpan<string>)[ServiceEndpointVariable, GlobalEndpointVariable])
        {
            if (NonBlank(environment, variable) is { } overrideUrl)
            {
                if (!Uri.TryCreate(overrideUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                {
                    throw new InvalidOperationException($"{variable} must be an absolute http or https URL, not '{overrideUrl}'.");
                }

                return new EmrEndpoint(url, region);
            }
        }

        var dnsSuffix = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new EmrEndpoint(new Uri($"https://elasticmapreduce.{region}.{dnsSuffix}/"), region);
    }

    private static string? NonBlank(IEnvironment environment, string name)
    {
        var value = environment.GetVariable(name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
