using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.CustomResource.Admission;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Admission;

public sealed class ResponseUrlPolicyTests
{
    private const string Query = "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20261201T090000Z&X-Amz-Signature=abc";

    private static readonly AwsPartition Aws = AwsPartition.Aws;

    [Theory]
    [InlineData("https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation/x")]
    [InlineData("https://cloudformation-custom-resource-response-useast1.s3.us-east-1.amazonaws.com/x")]
    [InlineData("https://cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com/x")]
    [InlineData("https://CLOUDFORMATION-custom-resource-response-useast1.S3.AMAZONAWS.COM/x")]
    public void Refusal_CloudFormationsS3Hosts_AreAccepted(string url)
    {
        Assert.Null(ResponseUrlPolicy.FromVariable(null).Refusal(url + Query, Aws));
    }

    [Fact]
    public void Refusal_ChinaHostForAChinaFunction_IsAccepted()
    {
        var china = AwsPartition.ByName("aws-cn");

        Assert.Null(ResponseUrlPolicy.FromVariable(null).Refusal("https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/x" + Query, china));
    }

    [Theory]
    [InlineData("http://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x", "uses http")]
    [InlineData("http://127.0.0.1:18104/latest/meta-data/anything", "uses http")]
    [InlineData("https://example.com/x", "not under the aws partition's domain")]
    [InlineData("https://s3.amazonaws.com.example.net/x", "not under")]
    [InlineData("https://evilamazonaws.com/x", "not under")]
    [InlineData("https://amazonaws.com/x", "not under")]
    [InlineData("https://s3.amazonaws.com./x", "not under")]
    [InlineData("https://localhost/x", "not under")]
    [InlineData("https://127.0.0.1/x", "not under")]
    [InlineData("https://[::1]/x", "not under")]
    [InlineData("https://169.254.169.254/latest/meta-data/", "not under")]
    [InlineData("https://s3.amazonaws.com:8443/x", "names a port")]
    [InlineData("https://user:secret@s3.amazonaws.com/x", "user information")]
    [InlineData("https://s3.amazonaws.com@evil.example/x", "user information")]
    [InlineData("https://cloudformation-custom-resource-response-cnnorth1.s3.cn-north-1.amazonaws.com.cn/x", "not under")]
    public void Refusal_UntrustedUrls_AreRefusedNamingTheRule(string url, string expected)
    {
        var refusal = ResponseUrlPolicy.FromVariable(null).Refusal(url + Query, Aws);

        Assert.NotNull(refusal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-Signature", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_UnknownPartition_AcceptsAnyAwsPartitionsDomain()
    {
        var policy = ResponseUrlPolicy.FromVariable(null);

        Assert.Null(policy.Refusal("https://b.s3.cn-north-1.amazonaws.com.cn/x", partition: null));
        Assert.Null(policy.Refusal("https://b.s3.us-iso-east-1.c2s.ic.gov/x", partition: null));
        Assert.NotNull(policy.Refusal("https://b.example.net/x", partition: null));
    }

    [Theory]
    [InlineData("127.0.0.1:41234", "http://127.0.0.1:41234/responses/1", true)]
    [InlineData("127.0.0.1:41234", "http://127.0.0.1:41235/responses/1", false)]
    [InlineData("127.0.0.1", "http://127.0.0.1:41235/responses/1", true)]
    [InlineData("localhost.localstack.cloud:4566", "https://LOCALHOST.localstack.cloud:4566/x", true)]
    [InlineData(" emulator , 10.0.0.5:80 ", "http://10.0.0.5/x", true)]
    [InlineData("[::1]:9000", "http://[::1]:9000/x", true)]
    [InlineData("emulator", "http://emulator.example/x", false)]
    public void Refusal_TrustedHosts_MayUseHttpOnTheirPort(string variable, string url, bool accepted)
    {
        var refusal = ResponseUrlPolicy.FromVariable(variable).Refusal(url + Query, Aws);

        Assert.Equal(accepted, refusal is null);
    }

    [Fact]
    public void Refusal_TrustedHostWithUserInformation_IsStillRefused()
    {
        Assert.NotNull(ResponseUrlPolicy.FromVariable("127.0.0.1").Refusal("http://a:b@127.0.0.1:80/x", Aws));
    }

    [Theory]
    [InlineData("http://127.0.0.1")]
    [InlineData("host/path")]
    [InlineData("host:notaport")]
    [InlineData("user@host")]
    [InlineData("host:99999")]
    public void FromVariable_MalformedEntry_FailsNamingTheVariable(string entry)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ResponseUrlPolicy.FromVariable($"ok.example,{entry}"));

        Assert.Contains(ResponseUrlPolicy.TrustedHostsVariable, error.Message, StringComparison.Ordinal);
    }
}
