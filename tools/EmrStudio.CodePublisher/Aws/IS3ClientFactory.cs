using Amazon.S3;

namespace EmrStudio.CodePublisher.Aws;

/// <summary>Makes the S3 client that talks to one region (or to the endpoint that stands in for it).</summary>
internal interface IS3ClientFactory
{
    IAmazonS3 Create(string region);
}
