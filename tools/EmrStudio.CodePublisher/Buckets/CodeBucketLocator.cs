using Amazon.S3;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Aws;

namespace EmrStudio.CodePublisher.Buckets;

/// <summary>
/// Finds the region's code bucket among the account's own buckets, or creates it. A bucket of that name in another
/// account, or in another region, is refused: Lambda reads code only from a bucket in the function's region, and code
/// in someone else's bucket is code someone else can replace.
/// </summary>
internal static class CodeBucketLocator
{
    public const string UsEast1 = "us-east-1";

    public static async Task<BucketState> EnsureAsync(IAmazonS3 s3, string bucket, string region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(s3);
        if (await IsOwnedAsync(s3, bucket, cancellationToken))
        {
            await CheckRegionAsync(s3, bucket, region, cancellationToken);
            return BucketState.Found;
        }

        var request = new PutBucketRequest
        {
            BucketName = bucket,
            ObjectOwnership = ObjectOwnership.BucketOwnerEnforced,
            UseClientRegion = false,
        };
        if (region != UsEast1)
        {
            // us-east-1 takes no location constraint (S3 refuses one that names it); every other region needs its own.
            request.PutBucketConfiguration = new PutBucketConfiguration { LocationConstraint = new BucketLocationConstraint(region) };
        }

        try
        {
            await S3Calls.RunAsync(S3Operations.CreateBucket, () => s3.PutBucketAsync(request, cancellationToken), cancellationToken);
            return BucketState.Created;
        }
        catch (S3CallException exception) when (exception.InnerException is AmazonS3Exception { ErrorCode: "BucketAlreadyOwnedByYou" })
        {
            // Created by this account between the listing and now (another run): the same as found.
            await CheckRegionAsync(s3, bucket, region, cancellationToken);
            return BucketState.Found;
        }
        catch (S3CallException exception) when (exception.InnerException is AmazonS3Exception { ErrorCode: "BucketAlreadyExists" })
        {
            throw new S3CallException(
                S3Operations.CreateBucket,
                $"the name {bucket} is taken by another AWS account ({exception.Detail}); bucket names are global, so choose another --bucket-prefix",
                exception.InnerException,
                exception.ErrorCode);
        }
    }

    /// <summary>The region a GetBucketLocation answer names: empty is us-east-1, and EU is eu-west-1's legacy name.</summary>
    public static string RegionOf(string? locationConstraint) => locationConstraint switch
    {
        null or "" => UsEast1,
        "EU" => "eu-west-1",
        _ => locationConstraint,
    };

    private static async Task<bool> IsOwnedAsync(IAmazonS3 s3, string bucket, CancellationToken cancellationToken)
    {
        string? continuationToken = null;
        do
        {
            var page = await S3Calls.RunAsync(
                S3Operations.ListBuckets,
                () => s3.ListBucketsAsync(new ListBucketsRequest { Prefix = bucket, ContinuationToken = continuationToken }, cancellationToken),
                cancellationToken);
            if ((page.Buckets ?? []).Any(candidate => candidate.BucketName == bucket))
            {
                return true;
            }

            continuationToken = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(continuationToken));

        return false;
    }

    private static async Task CheckRegionAsync(IAmazonS3 s3, string bucket, string region, CancellationToken cancellationToken)
    {
        var location = await S3Calls.RunAsync(
            S3Operations.GetBucketLocation,
            () => s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken),
            cancellationToken);
        var actual = RegionOf(location.Location?.Value);
        if (actual != region)
        {
            throw new S3CallException(
                S3Operations.GetBucketLocation,
                $"the bucket {bucket} is in {actual}, not in {region}; Lambda in {region} reads code only from a bucket in {region}. Delete that bucket or choose another --bucket-prefix",
                null);
        }
    }
}
