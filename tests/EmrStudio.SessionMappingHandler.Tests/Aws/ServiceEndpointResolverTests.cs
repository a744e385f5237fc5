using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Aws;

public sealed class ServiceEndpointResolverTests
{
    [Fact]
    public void Resolve_RegionOnly_IsTheRegionalPublicEndpoint()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "eu-west-1")), AwsService.Emr);

        Assert.Equal(new Uri("https://elasticmapreduce.eu-west-1.amazonaws.com/"), endpoint.Url);
        Assert.Equal("eu-west-1", endpoint.SigningRegion);
    }

    [Fact]
    public void Resolve_ChinaRegion_UsesTheChinaDomain()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "cn-north-1")), AwsService.Emr);

        Assert.Equal(new Uri("https://elasticmapreduce.cn-north-1.amazonaws.com.cn/"), endpoint.Url);
    }

    [Fact]
    public void Resolve_BothRegionVariables_PrefersAwsRegion()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-west-2"), ("AWS_DEFAULT_REGION", "eu-central-1")), AwsService.Emr);

        Assert.Equal("us-west-2", endpoint.SigningRegion);
    }

    [Fact]
    public void Resolve_OnlyDefaultRegion_UsesIt()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", " "), ("AWS_DEFAULT_REGION", "ap-southeast-2")), AwsService.Emr);

        Assert.Equal("ap-southeast-2", endpoint.SigningRegion);
        Assert.Equal("elasticmapreduce.ap-southeast-2.amazonaws.com", endpoint.Url.Host);
    }

    [Fact]
    public void Resolve_ServiceOverride_WinsOverTheGlobalOverride()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(
            ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_EMR", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL", "https://proxy.example")), AwsService.Emr);

        Assert.Equal(new Uri("http://127.0.0.1:4566"), endpoint.Url);
        Assert.Equal("us-east-1", endpoint.SigningRegion);
    }

    [Fact]
    public void Resolve_GlobalOverride_IsUsed()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", "https://proxy.example:8443")), AwsService.Emr);

        Assert.Equal(new Uri("https://proxy.example:8443"), endpoint.Url);
    }

    [Fact]
    public void Resolve_NoRegion_FailsNamingTheVariables()
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_ENDPOINT_URL_EMR", "http://127.0.0.1:1")), AwsService.Emr));

        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_DEFAULT_REGION", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("/relative")]
    public void Resolve_MalformedOverride_FailsNamingTheVariable(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_EMR", value)), AwsService.Emr));

        Assert.Contains("AWS_ENDPOINT_URL_EMR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateClient_NoCredentialsConfigured_DefersCredentialResolutionToTheFirstCall()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_EMR", "http://127.0.0.1:9")), AwsService.Emr);

        using var client = EmrClient.Create(endpoint, CertificateTrust.Resolve(new DictionaryEnvironment()), new DefaultChainCredentials(), new CollectingLog());

        Assert.NotNull(client);
    }

    [Fact]
    public void Resolve_CloudFormationInTheRegionOnly_IsTheRegionalPublicEndpoint()
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "eu-west-1")), AwsService.CloudFormation);

        Assert.Equal(new Uri("https://cloudformation.eu-west-1.amazonaws.com/"), endpoint.Url);
        Assert.Equal("eu-west-1", endpoint.SigningRegion);
    }

    [Fact]
    public void Resolve_CloudFormationOverride_WinsOverTheGlobalOverrideAndLeavesEmrAlone()
    {
        var environment = new DictionaryEnvironment(
            ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_CLOUDFORMATION", "http://127.0.0.1:4581"), ("AWS_ENDPOINT_URL", "https://proxy.example"));

        Assert.Equal(new Uri("http://127.0.0.1:4581"), ServiceEndpointResolver.Resolve(environment, AwsService.CloudFormation).Url);
        Assert.Equal(new Uri("https://proxy.example"), ServiceEndpointResolver.Resolve(environment, AwsService.Emr).Url);
    }

    [Theory]
    [InlineData("us-gov-west-1", "https://cloudformation.us-gov-west-1.amazonaws.com/")]
    [InlineData("cn-northwest-1", "https://cloudformation.cn-northwest-1.amazonaws.com.cn/")]
    [InlineData("us-iso-east-1", "https://cloudformation.us-iso-east-1.c2s.ic.gov/")]
    [InlineData("us-isob-east-1", "https://cloudformation.us-isob-east-1.sc2s.sgov.gov/")]
    [InlineData("eu-isoe-west-1", "https://cloudformation.eu-isoe-west-1.cloud.adc-e.uk/")]
    [InlineData("us-isof-south-1", "https://cloudformation.us-isof-south-1.csp.hci.ic.gov/")]
    [InlineData("eusc-de-east-1", "https://cloudformation.eusc-de-east-1.amazonaws.eu/")]
    public void Resolve_RegionOfAnotherPartition_UsesThatPartitionsDomain(string region, string expected)
    {
        var endpoint = ServiceEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", region)), AwsService.CloudFormation);

        Assert.Equal(new Uri(expected), endpoint.Url);
    }
}
