using System.Net;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>The errors the fake answers with, with S3's codes, statuses and messages (S3's error-code list).</summary>
public static class S3Errors
{
    public static S3Error NoSuchBucket(string bucket) =>
        new(HttpStatusCode.NotFound, "NoSuchBucket", "The specified bucket does not exist", new Dictionary<string, string> { ["BucketName"] = bucket });

    public static S3Error NoSuchBucketPolicy(string bucket) =>
        new(HttpStatusCode.NotFound, "NoSuchBucketPolicy", "The bucket policy does not exist", new Dictionary<string, string> { ["BucketName"] = bucket });

    public static S3Error NoSuchPublicAccessBlockConfiguration(string bucket) =>
        new(HttpStatusCode.NotFound, "NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", new Dictionary<string, string> { ["BucketName"] = bucket });

    public static S3Error ServerSideEncryptionConfigurationNotFound(string bucket) =>
        new(HttpStatusCode.NotFound, "ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found", new Dictionary<string, string> { ["BucketName"] = bucket });

    public static S3Error OwnershipControlsNotFound(string bucket) =>
        new(HttpStatusCode.NotFound, "OwnershipControlsNotFoundError", "The bucket ownership controls were not found", new Dictionary<string, string> { ["BucketName"] = bucket });

    public static S3Error MalformedXml { get; } =
        new(HttpStatusCode.BadRequest, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");

    public static S3Error MalformedPolicy(string why) => new(HttpStatusCode.BadRequest, "MalformedPolicy", why);

    public static S3Error AccessDenied { get; } = new(HttpStatusCode.Forbidden, "AccessDenied", "Access Denied");

    public static S3Error InternalError { get; } =
        new(HttpStatusCode.InternalServerError, "InternalError", "We encountered an internal error. Please try again.");

    public static S3Error MissingChecksum { get; } =
        new(HttpStatusCode.BadRequest, "InvalidRequest", "Missing required header for this request: Content-MD5");

    public static S3Error BadDigest(string algorithm) =>
        new(HttpStatusCode.BadRequest, "BadDigest", $"The {algorithm} you specified did not match the calculated checksum.");

    public static S3Error ContentSha256Mismatch { get; } =
        new(HttpStatusCode.BadRequest, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.");

    public static S3Error SignatureDoesNotMatch { get; } =
        new(HttpStatusCode.Forbidden, "SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.");

    public static S3Error InvalidAccessKeyId { get; } =
        new(HttpStatusCode.Forbidden, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.");

    public static S3Error WrongRegion(string signed, string expected) =>
        new(HttpStatusCode.BadRequest, "AuthorizationHeaderMalformed", $"The authorization header is malformed; the region '{signed}' is wrong; expecting '{expected}'", new Dictionary<string, string> { ["Region"] = expected });

    public static S3Error IllegalLocationConstraint(string? constraint) =>
        new(HttpStatusCode.BadRequest, "IllegalLocationConstraintException", $"The {constraint ?? "unspecified"} location constraint is incompatible for the region specific endpoint this request was sent to.");

    public static S3Error InvalidLocationConstraint { get; } =
        new(HttpStatusCode.BadRequest, "InvalidLocationConstraint", "The specified location-constraint is not valid");

    public static S3Error BucketAlreadyExists { get; } =
        new(HttpStatusCode.Conflict, "BucketAlreadyExists", "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.");

    public static S3Error BucketAlreadyOwnedByYou(string bucket) =>
        new(HttpStatusCode.Conflict, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", new Dictionary<string, string> { ["BucketName"] = bucket });

    public static S3Error StreamingNotSupported { get; } =
        new(HttpStatusCode.NotImplemented, "NotImplemented", "aws-chunked request bodies are not supported by this emulator (s3rver would store the chunk framing as the content)");
}
