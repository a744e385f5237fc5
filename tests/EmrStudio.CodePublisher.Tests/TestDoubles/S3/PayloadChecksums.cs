using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>
/// The integrity headers S3 checks a body against (Content-MD5, x-amz-checksum-*) before storing anything. CRC-64/NVME
/// is accepted unchecked: no client here sends it.
/// </summary>
public static class PayloadChecksums
{
    private static readonly (string Header, string Algorithm, Func<byte[], byte[]>? Compute)[] Known =
    [
        ("Content-MD5", "Content-MD5", MD5.HashData),
        ("x-amz-checksum-crc32", "CRC32", body => Crc32.Iso(body)),
        ("x-amz-checksum-crc32c", "CRC32C", body => Crc32.Castagnoli(body)),
        ("x-amz-checksum-sha1", "SHA1", SHA1.HashData),
        ("x-amz-checksum-sha256", "SHA256", SHA256.HashData),
        ("x-amz-checksum-crc64nvme", "CRC64NVME", null),
    ];

    /// <summary>Whether the request carries any integrity header.</summary>
    public static bool Present(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Known.Any(known => request.Headers.ContainsKey(known.Header));
    }

    /// <summary>The BadDigest error for the first header that does not match the body, or null.</summary>
    public static S3Error? Mismatch(HttpRequest request, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var (header, algorithm, compute) in Known)
        {
            if (compute is not null && request.Headers.TryGetValue(header, out var value)
                && value.ToString() != Convert.ToBase64String(compute(body)))
            {
                return S3Errors.BadDigest(algorithm);
            }
        }

        return null;
    }
}
