using EmrStudio.SessionMappingHandler.Platform;


namespace EmrStudio.SessionMappingHandler.Aws;

/// <summary>
/// Finds a service's endpoint the way the AWS SDKs do: the service-specific override (<c>AWS_ENDPOINT_URL_EMR</c>,
/// <c>AWS_ENDPOINT_URL_CLOUDFORMATION</c>), then the global <c>AWS_ENDPOINT_URL</c>, then the regional public
/// endpoint in the region's partition. The region comes from <c>AWS_REGION</c> (which Lambda sets) or
/// <c>AWS_DEFAULT_REGION</c>, and is needed even with an override because the signature names it.
/// </summary>
internal static class ServiceEndpointResolver
{
    public const string GlobalEndpointVariable = "AWS_ENDPOINT_URL";
    public const string RegionVariable = "AWS_REGION";
    public const string DefaultRegionVariable = "AWS_DEFAULT_REGION";

    /// <exception cref="InvalidOperationException">No region is set, or an override is not an absolute http(s) URL.</exception>
    public static ServiceEndpoint Resolve(IEnvironment environment, AwsService service)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(service);

        var region = Region(environment);
        foreach (var variable in (ReadOnlySpan<string>)[service.EndpointVariable, GlobalEndpointVariable])
        {
            if (NonBlank(environment, variable) is { } overrideUrl)
            {
                if (!Uri.TryCreate(overrideUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
                {
                    throw new InvalidOperationException($"{variable} must be an absolute http or https URL, not '{overrideUrl}'.");
                }

                return new ServiceEndpoint(url, region);
            }
        }

        return new ServiceEndpoint(new Uri($"https://{service.EndpointPrefix}.{region}.{AwsPartition.ForRegion(region).DnsSuffix}/"), region);
    }

    /// <exception cref="InvalidOperationException">Neither region variable is set.</exception>
    public static string Region(IEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return NonBlank(environment, RegionVariable) ?? NonBlank(environment, DefaultRegionVariable)
            ?? throw new InvalidOperationException(
                $"No AWS region is configured: set {RegionVariable} (Lambda sets it) or {DefaultRegionVariable}.");
    }

    private static string? NonBlank(IEnvironment environment, string name)
    {
        var value = environment.GetVariable(name)?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
