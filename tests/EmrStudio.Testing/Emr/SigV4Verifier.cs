using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace EmrStudio.Testing.Emr;

/// <summary>
/// Checks an AWS Signature Version 4 <c>Authorization</c> header independently of the SDK that produced it, for a
/// POST to <c>/</c> without a query string (all that AWS JSON 1.1 uses).
/// </summary>
public static partial class SigV4Verifier
{
    /// <summary>Returns null when the signature is valid, else why it is not.</summary>
    public static string? Verify(
        string? authorization,
        Func<string, string?> header,
        ReadOnlySpan<byte> body,
        string accessKeyId,
        string secretAccessKey,
        string region,
        string service) =>
        Verify(authorization, header, body, key => key == accessKeyId ? secretAccessKey : null, region, service);

    /// <summary>
    /// Returns null when the signature is valid for the secret that <paramref name="secretFor"/> gives the request's
    /// access key id (null: a key nobody issued), else why it is not.
    /// </summary>
    public static string? Verify(
        string? authorization,
        Func<string, string?> header,
        ReadOnlySpan<byte> body,
        Func<string, string?> secretFor,
        string region,
        string service)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(secretFor);
        if (string.IsNullOrEmpty(authorization))
        {
            return "Missing Authentication Token";
        }

        var match = AuthorizationShape().Match(authorization);
        if (!match.Success)
        {
            return "Authorization header is not 'AWS4-HMAC-SHA256 Credential=.../aws4_request, SignedHeaders=..., Signature=...'.";
        }

        var (key, date, scopeRegion, scopeService) = (match.Groups["key"].Value, match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        var amzDate = header("x-amz-date");
        if (amzDate is null || amzDate.Length != 16 || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return "X-Amz-Date is missing or does not match the credential scope's date.";
        }

        var secretAccessKey = secretFor(key);
        if (secretAccessKey is null)
        {
            return "The security token included in the request is invalid.";
        }

        if (scopeRegion != region || scopeService != service)
        {
            return $"Credential should be scoped to a valid region '{region}' and service '{service}'.";
        }

        var signedHeaders = match.Groups["headers"].Value.Split(';');
        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date"))
        {
            return "SignedHeaders must include host and x-amz-date.";
        }

        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var declaredHash = header("x-amz-content-sha256");
        if (declaredHash is not null && declaredHash != payloadHash)
        {
            return "X-Amz-Content-SHA256 does not match the body.";
        }

        var canonical = new StringBuilder("POST\n/\n\n");
        foreach (var name in signedHeaders)
        {
            var value = header(name) ?? string.Empty;
            canonical.Append(name).Append(':').Append(CollapsedSpaces().Replace(value.Trim(), " ")).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var signingKey = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
        signingKey = Hmac(signingKey, region);
        signingKey = Hmac(signingKey, service);
        signingKey = Hmac(signingKey, "aws4_request");
        var expected = Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value))
            ? null
            : "The request signature we calculated does not match the signature you provided.";
    }

    /// <summary>The access key id an Authorization header names, or null when it has not the SigV4 shape.</summary>
    public static string? AccessKeyOf(string? authorization)
    {
        var match = AuthorizationShape().Match(authorization ?? string.Empty);
        return match.Success ? match.Groups["key"].Value : null;
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/\s]+)/(?<date>\d{8})/(?<region>[^/\s]+)/(?<service>[^/\s]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9\-;]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationShape();

    [GeneratedRegex(" +")]
    private static partial Regex CollapsedSpaces();
}
