using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Aws;
using EmrStudio.CodePublisher.Code;

namespace EmrStudio.CodePublisher.Publishing;

/// <summary>
/// Puts the zip under its content-addressed key unless it is there already. "There already" means the object carries
/// the zip's SHA-256, either as the metadata this publisher writes or as the full-object checksum S3 kept from an
/// upload that sent one, and is encrypted in a way every account can read (not SSE-KMS).
/// </summary>
internal static class CodeObject
{
    /// <summary>User metadata (<c>x-amz-meta-zip-sha256</c>): the archive's SHA-256 in hex.</summary>
    public const string ZipSha256Metadata = "zip-sha256";

    /// <summary>User metadata (<c>x-amz-meta-bootstrap-sha256</c>): the executable's SHA-256, which the key also names.</summary>
    public const string BootstrapSha256Metadata = "bootstrap-sha256";

    public const string ContentType = "application/zip";

    private const string NotFoundErrorCode = "NotFound";

    public static async Task<CodeResult> EnsureAsync(IAmazonS3 s3, string bucket, HandlerZip zip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        ArgumentNullException.ThrowIfNull(zip);
        GetObjectMetadataResponse? head;
        try
        {
            head = await S3Calls.GetOrAbsentAsync(
                S3Operations.HeadObject,
                NotFoundErrorCode,
                () => s3.GetObjectMetadataAsync(
                    new GetObjectMetadataRequest { BucketName = bucket, Key = zip.Key, ChecksumMode = ChecksumMode.ENABLED },
                    cancellationToken),
                cancellationToken);
        }
        catch (S3CallException exception) when (exception.InnerException is AmazonS3Exception { StatusCode: HttpStatusCode.Forbidden })
        {
            throw new S3CallException(
                exception.Operation,
                $"{exception.Detail} (S3 also answers 403 for a missing key to a caller without s3:ListBucket on the bucket: grant {S3Operations.HeadObject.Action} and {S3Operations.ListBucket.Action})",
                exception.InnerException,
                exception.ErrorCode);
        }

        string? replacedBecause = null;
        if (head is not null)
        {
            replacedBecause = WhyNotReusable(head, zip);
            if (replacedBecause is null)
            {
                return new CodeResult(CodeAction.AlreadyThere, 0, head.VersionId, null);
            }
        }

        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = zip.Key,
            InputStream = new MemoryStream(zip.Bytes, writable: false),
            ContentType = ContentType,
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,

            // S3 checks the body against this before it stores anything.
            ChecksumSHA256 = zip.ZipSha256Base64,

            // The whole body with its SHA-256 signed, rather than aws-chunked framing with a trailing checksum: S3 accepts
            // both, but S3-compatible endpoints do not all decode aws-chunked (s3rver stores the framing as content).
            UseChunkEncoding = false,
        };
        request.Metadata[ZipSha256Metadata] = zip.ZipSha256Hex;
        request.Metadata[BootstrapSha256Metadata] = zip.BootstrapSha256Hex;
        var put = await S3Calls.RunAsync(S3Operations.PutObject, () => s3.PutObjectAsync(request, cancellationToken), cancellationToken);
        return new CodeResult(head is null ? CodeAction.Uploaded : CodeAction.Replaced, zip.Bytes.LongLength, put.VersionId, replacedBecause);
    }

    private static string? WhyNotReusable(GetObjectMetadataResponse head, HandlerZip zip)
    {
        var recorded = head.Metadata[ZipSha256Metadata];
        var sameContent = string.Equals(recorded, zip.ZipSha256Hex, StringComparison.OrdinalIgnoreCase)
            || string.Equals(head.ChecksumSHA256, zip.ZipSha256Base64, StringComparison.Ordinal);
        if (!sameContent)
        {
            return string.IsNullOrEmpty(recorded) && string.IsNullOrEmpty(head.ChecksumSHA256)
                ? "the object under the key carries no SHA-256 to compare"
                : $"the object under the key has SHA-256 {(string.IsNullOrEmpty(recorded) ? head.ChecksumSHA256 : recorded)}, not this zip's";
        }

        var encryption = head.ServerSideEncryptionMethod?.Value;
        return encryption is not null && encryption.StartsWith("aws:kms", StringComparison.Ordinal)
            ? $"the object under the key is encrypted with {encryption}, which the organization's accounts may not be able to decrypt"
            : null;
    }
}
