using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace EmrStudio.CodePublisher.Aws;

/// <summary>
/// S3 clients with one set of credentials: each signs for its own region. With an endpoint override (an S3-compatible
/// emulator) every region's client talks to that endpoint with path-style addresses, still signing for its region.
/// </summary>
internal sealed class S3ClientFactory(AWSCredentials credentials, Uri? endpointUrl, int? maxAttempts) : IS3ClientFactory
{
    public IAmazonS3 Create(string region)
    {
        var config = new AmazonS3Config();
        if (endpointUrl is null)
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpointUrl.ToString();
            config.AuthenticationRegion = region;
            config.ForcePathStyle = true;
        }

        if (maxAttempts is { } attempts)
        {
            config.MaxErrorRetry = attempts - 1;
        }

        return new AmazonS3Client(credentials, config);
    }
}
