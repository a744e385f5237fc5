using Microsoft.AspNetCore.Http;

namespace EmrStudio.CodePublisher.Tests.TestDoubles.S3;

/// <summary>What a path-style request addresses, and the S3 operation it is.</summary>
public sealed record S3Target(string Operation, string? Bucket, string? Key, S3Subresource? Subresource)
{
    public static S3Target Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path.Value ?? "/";
        var trimmed = path.TrimStart('/');
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        var bucket = trimmed.Length == 0 ? null : slash < 0 ? trimmed : trimmed[..slash];
        var key = slash < 0 || slash == trimmed.Length - 1 ? null : trimmed[(slash + 1)..];
        var method = request.Method;
        if (bucket is null)
        {
            return new(method == "GET" ? "ListBuckets" : $"{method} /", null, null, null);
        }

        if (key is not null)
        {
            var objectOperation = method switch
            {
                "HEAD" => "HeadObject",
                "GET" => "GetObject",
                "PUT" when request.Headers.ContainsKey("x-amz-copy-source") => "CopyObject",
                "PUT" => "PutObject",
                "DELETE" => "DeleteObject",
                _ => $"{method} object",
            };
            return new(request.Query.Count == 0 ? objectOperation : $"{objectOperation}?{string.Join('&', request.Query.Keys)}", bucket, key, null);
        }

        var subresource = S3Documents.Subresources.FirstOrDefault(resource => request.Query.ContainsKey(resource.Query));
        if (subresource is not null)
        {
            var operation = method switch
            {
                "GET" => subresource.GetOperation,
                "PUT" => subresource.PutOperation,
                "DELETE" when subresource.DeleteOperation is { } delete => delete,
                _ => $"{method} ?{subresource.Query}",
            };
            return new(operation, bucket, null, subresource);
        }

        if (request.Query.ContainsKey("location"))
        {
            return new(method == "GET" ? "GetBucketLocation" : $"{method} ?location", bucket, null, null);
        }

        var bucketOperation = method switch
        {
            "PUT" => "CreateBucket",
            "HEAD" => "HeadBucket",
            "GET" => "ListObjects",
            "DELETE" => "DeleteBucket",
            _ => $"{method} bucket",
        };
        return new(request.Query.Count == 0 || method == "GET" ? bucketOperation : $"{bucketOperation}?{string.Join('&', request.Query.Keys)}", bucket, null, null);
    }
}
