using System.Globalization;

namespace EmrStudio.SessionMappingHandler.CustomResource.Admission;

/// <summary>One entry of <c>EMRSTUDIO_TRUSTED_RESPONSE_HOSTS</c>: a host name or IP literal, and optionally the one port it may use.</summary>
internal sealed record TrustedResponseHost(string Host, int? Port)
{
    /// <summary>Reads <c>host</c>, <c>host:port</c> or <c>[v6]:port</c>; null when the entry names no usable host.</summary>
    public static TrustedResponseHost? TryParse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!Uri.TryCreate($"http://{entry}/", UriKind.Absolute, out var uri)
            || uri.HostNameType == UriHostNameType.Unknown
            || !string.IsNullOrEmpty(uri.UserInfo)
            || uri.AbsolutePath != "/"
            || !string.IsNullOrEmpty(uri.Query))
        {
            return null;
        }

        var explicitPort = entry.TrimEnd().EndsWith(':' + uri.Port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return new TrustedResponseHost(uri.IdnHost.ToLowerInvariant(), explicitPort ? uri.Port : null);
    }

    public bool Matches(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return string.Equals(Host, url.IdnHost, StringComparison.OrdinalIgnoreCase) && (Port is null || Port == url.Port);
    }

    public override string ToString() => Port is null ? Host : $"{Host}:{Port.Value.ToString(CultureInfo.InvariantCulture)}";
}
