using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Tests.Fakes;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Emr;

public sealed class EmrEndpointResolverTests
{
    [Fact]
    public void Resolve_RegionOnly_IsTheRegionalPublicEndpoint()
    {
        var endpoint = EmrEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "eu-west-1")));

        Assert.Equal(new Uri("https://elasticmapreduce.eu-west-1.amazonaws.com/"), endpoint.Url);
        Assert.Equal("eu-west-1", endpoint.SigningRegion);
    }

    [Fact]
    public void Resolve_ChinaRegion_UsesTheChinaDomain()
    {
        var endpoint = EmrEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "cn-north-1")));

        Assert.Equal(new Uri("https://elasticmapreduce.cn-north-1.amazonaws.com.cn/"), endpoint.Url);
    }

    [Fact]
    public void Resolve_BothRegionVariables_PrefersAwsRegion()
    {
        var endpoint = EmrEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-west-2"), ("AWS_DEFAULT_REGION", "eu-central-1")));

        Assert.Equal("us-west-2", endpoint.SigningRegion);
    }

    [Fact]
    public void Resolve_OnlyDefaultRegion_UsesIt()
    {
        var endpoint = EmrEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", " "), ("AWS_DEFAULT_REGION", "ap-southeast-2")));

        Assert.Equal("ap-southeast-2", endpoint.SigningRegion);
        Assert.Equal("elasticmapreduce.ap-southeast-2.amazonaws.com", endpoint.Url.Host);
    }

    [Fact]
    public void Resolve_ServiceOverride_WinsOverTheGlobalOverride()
    {
        var endpoint = EmrEndpointResolver.Resolve(new DictionaryEnvironment(
            ("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_EMR", "http://127.0.0.1:4566"), ("AWS_ENDPOINT_URL", "https://proxy.example")));

        Assert.Equal(new Uri("http://127.0.0.1:4566"), endpoint.Url);
        Assert.Equal("us-east-1", endpoint.SigningRegion);
    }

    [Fact]
    public void Resolve_GlobalOverride_IsUsed()
    {
        var endpoint = EmrEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL", "https://proxy.example:8443")));

        Assert.Equal(new Uri("https://proxy.example:8443"), endpoint.Url);
    }

    [Fact]
    public void Resolve_NoRegion_FailsNamingTheVariables()
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmrEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_ENDPOINT_URL_EMR", "http://127.0.0.1:1"))));

        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
        Assert.Contains("AWS_DEFAULT_REGION", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://example.com")]
    [InlineData("/relative")]
    public void Resolve_MalformedOverride_FailsNamingTheVariable(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => EmrEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_EMR", value))));

        Assert.Contains("AWS_ENDPOINT_URL_EMR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateClient_NoCredentialsConfigured_DefersCredentialResolutionToTheFirstCall()
    {
        var endpoint = EmrEndpointResolver.Resolve(new DictionaryEnvironment(("AWS_REGION", "us-east-1"), ("AWS_ENDPOINT_URL_EMR", "http://127.0.0.1:9")));

        using var client = EmrClient.Create(endpoint, CertificateTrust.Resolve(new DictionaryEnvironment()), new DefaultChainCredentials(), new CollectingLog());

        Assert.NotNull(client);
    }
}
