using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>
/// Checks a request's SigV4 <c>Authorization</c> header the way S3 does: the path as sent (S3 neither normalises nor
/// double-encodes it), the query sorted, the signed headers, and the payload hash that <c>x-amz-content-sha256</c>
/// declares (which must match the body, unless it is <c>UNSIGNED-PAYLOAD</c>).
/// </summary>
public static partial class S3Signature
{
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    /// <summary>The region the request was signed for, or the error S3 would answer.</summary>
    public static (string? Region, S3Error? Error) Verify(HttpRequest request, byte[] body, Func<string, string?> secretFor)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(secretFor);
        var match = AuthorizationShape().Match(request.Headers.Authorization.ToString());
        if (!match.Success)
        {
            return (null, S3Errors.AccessDenied);
        }

        var secret = secretFor(match.Groups["key"].Value);
        if (secret is null)
        {
            return (null, S3Errors.InvalidAccessKeyId);
        }

        var declaredHash = request.Headers["x-amz-content-sha256"].ToString();
        if (declaredHash.StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            return (null, S3Errors.StreamingNotSupported);
        }

        if (declaredHash != UnsignedPayload && declaredHash != Convert.ToHexStringLower(SHA256.HashData(body)))
        {
            return (null, S3Errors.ContentSha256Mismatch);
        }

        var (date, region, service) = (match.Groups["date"].Value, match.Groups["region"].Value, match.Groups["service"].Value);
        var amzDate = request.Headers["x-amz-date"].ToString();
        var signedHeaders = match.Groups["headers"].Value.Split(';');
        if (service != "s3" || !amzDate.StartsWith(date, StringComparison.Ordinal) || !signedHeaders.Contains("host"))
        {
            return (region, S3Errors.SignatureDoesNotMatch);
        }

        var rawTarget = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var expected = Compute(request.Method, rawTarget, signedHeaders, name => request.Headers[name].ToString(), declaredHash, amzDate, region, secret);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(match.Groups["signature"].Value))
            ? (region, null)
            : (region, S3Errors.SignatureDoesNotMatch);
    }

    /// <summary>
    /// Signs <paramref name="request"/> for S3 in <paramref name="region"/>: sets Host, X-Amz-Date,
    /// X-Amz-Content-SHA256 (the body's hash, unless one is set already) and Authorization over every header it has.
    /// </summary>
    public static void Sign(HttpRequestMessage request, byte[] body, string region, string accessKeyId, string secretAccessKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uri = request.RequestUri!;
        request.Headers.Host = uri.Authority;
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        request.Headers.Remove("x-amz-date");
        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        if (!request.Headers.Contains("x-amz-content-sha256"))
        {
            request.Headers.TryAddWithoutValidation("x-amz-content-sha256", Convert.ToHexStringLower(SHA256.HashData(body)));
        }

        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Where(header => !header.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(header => header.Key.ToLowerInvariant(), header => string.Join(',', header.Value), StringComparer.Ordinal);
        var signedHeaders = headers.Keys.Order(StringComparer.Ordinal).ToArray();
        var signature = Compute(request.Method.Method, uri.PathAndQuery, signedHeaders, name => headers[name], headers["x-amz-content-sha256"], amzDate, region, secretAccessKey);
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKeyId}/{amzDate[..8]}/{region}/s3/aws4_request, SignedHeaders={string.Join(';', signedHeaders)}, Signature={signature}");
    }

    private static string Compute(string method, string rawTarget, string[] signedHeaders, Func<string, string> header, string payloadHash, string amzDate, string region, string secret)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..];
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(path).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            canonical.Append(name).Append(':').Append(Spaces().Replace(header(name).Trim(), " ")).Append('\n');
        }

        canonical.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        var date = amzDate[..8];
        var scope = $"{date}/{region}/s3/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(Hmac(Hmac(key, region), "s3"), "aws4_request");
        return Convert.ToHexStringLower(Hmac(key, stringToSign));
    }

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
                return (Name: Uri.EscapeDataString(name), Value: Uri.EscapeDataString(value));
            })
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => $"{pair.Name}={pair.Value}"));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<key>[^/\s]+)/(?<date>\d{8})/(?<region>[^/\s]+)/(?<service>[^/\s]+)/aws4_request, ?SignedHeaders=(?<headers>[a-z0-9\-;]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationShape();

    [GeneratedRegex(" +")]
    private static partial Regex Spaces();
}
