using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using EmrStudio.CodePublisher.Inputs;

namespace EmrStudio.CodePublisher.Aws;

/// <summary>
/// The credentials every region's calls use: a named profile, or the SDK's default chain (environment variables,
/// AWS_PROFILE, the shared files, SSO, container and instance roles). Resolved once, before any region, so that
/// missing credentials are one clear message rather than a failure in every region.
/// </summary>
internal static class PublisherCredentials
{
    public static async Task<AWSCredentials> ResolveAsync(string? profile)
    {
        AWSCredentials credentials;
        if (profile is not null)
        {
            if (!new CredentialProfileStoreChain().TryGetAWSCredentials(profile, out credentials))
            {
                throw new InvalidInputException($"--profile: no profile named '{profile}' with usable credentials in the shared config or credentials file.");
            }
        }
        else
        {
            try
            {
                credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync();
            }
            catch (AmazonClientException exception)
            {
                throw new InvalidInputException($"credentials: none found by the AWS SDK's default chain ({exception.Message}). Set AWS_PROFILE or pass --profile, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.");
            }
        }

        try
        {
            await credentials.GetCredentialsAsync();
        }
        catch (Exception exception) when (exception is AmazonClientException or AmazonServiceException or HttpRequestException)
        {
            throw new InvalidInputException($"credentials: {(profile is null ? "the default chain's" : $"profile '{profile}'")} credentials could not be obtained: {exception.Message}");
        }

        return credentials;
    }
}
