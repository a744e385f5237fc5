using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Buckets;
using EmrStudio.CodePublisher.Tests.TestDoubles;
using EmrStudio.CodePublisher.Tests.TestDoubles.S3;
using EmrStudio.Testing;
using EmrStudio.Testing.Emulators;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.FakeValidation;

/// <summary>
/// The S3 front refuses what S3 refuses, with S3's codes: so that a publisher passing against it does not pass merely
/// because the fake accepts anything. Raw requests, signed here, reach it the way a client's would.
/// </summary>
[Collection(S3rverCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class S3FrontBehaviourTests(S3rverFixture fixture)
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task PutVersioning_ElementTheSchemaLacks_IsMalformedXml()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1");
        var body = Encoding.UTF8.GetBytes($"<VersioningConfiguration xmlns=\"{S3Documents.Namespace}\"><Status>Enabled</Status><Mode>On</Mode></VersioningConfiguration>");

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{bucket}?versioning", body, "eu-west-1", WithMd5(body));

        Assert.Equal((400, "MalformedXML"), (status, code));
    }

    [Fact]
    public async Task PutVersioning_ValueTheSchemaLacks_IsMalformedXml()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1");
        var body = Encoding.UTF8.GetBytes($"<VersioningConfiguration xmlns=\"{S3Documents.Namespace}\"><Status>On</Status></VersioningConfiguration>");

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{bucket}?versioning", body, "eu-west-1", WithMd5(body));

        Assert.Equal((400, "MalformedXML"), (status, code));
    }

    [Fact]
    public async Task PutVersioning_WithoutAnIntegrityHeader_IsRefused()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1");
        var body = Encoding.UTF8.GetBytes($"<VersioningConfiguration xmlns=\"{S3Documents.Namespace}\"><Status>Enabled</Status></VersioningConfiguration>");

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{bucket}?versioning", body, "eu-west-1");

        Assert.Equal((400, "InvalidRequest"), (status, code));
    }

    [Fact]
    public async Task PutVersioning_Crc32OfAnotherBody_IsBadDigest()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1");
        var body = Encoding.UTF8.GetBytes($"<VersioningConfiguration xmlns=\"{S3Documents.Namespace}\"><Status>Enabled</Status></VersioningConfiguration>");

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{bucket}?versioning", body, "eu-west-1",
            request => request.Headers.Add("x-amz-checksum-crc32", Convert.ToBase64String(Crc32.Iso("something else"u8))));

        Assert.Equal((400, "BadDigest"), (status, code));
    }

    [Fact]
    public async Task PutObject_AwsChunkedBody_IsRefusedRatherThanStoredWithItsFraming()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1");

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{bucket}/object", "5\r\nhello\r\n0\r\n\r\n"u8.ToArray(), "eu-west-1",
            request => request.Headers.Add("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER"));

        Assert.Equal((501, "NotImplemented"), (status, code));
    }

    [Fact]
    public async Task Request_HeaderChangedAfterSigning_IsSignatureDoesNotMatch()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1");

        var (status, code) = await SendAsync(front, HttpMethod.Get, $"/{bucket}?versioning", [], "eu-west-1",
            unsigned: request => request.Headers.Add("x-amz-meta-note", "signed"),
            signed: request =>
            {
                request.Headers.Remove("x-amz-meta-note");
                request.Headers.Add("x-amz-meta-note", "changed");
            });

        Assert.Equal((403, "SignatureDoesNotMatch"), (status, code));
    }

    [Fact]
    public async Task Request_SignedForAnotherRegionThanTheBuckets_IsAuthorizationHeaderMalformed()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1");

        var (status, code) = await SendAsync(front, HttpMethod.Get, $"/{bucket}?versioning", [], "us-east-1");

        Assert.Equal((400, "AuthorizationHeaderMalformed"), (status, code));
    }

    [Fact]
    public async Task PutBucketPolicy_OpenToEveryoneWhileBlockPublicPolicyIsOn_IsAccessDenied()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1", NewBucketDefaults.Current);
        var body = Encoding.UTF8.GetBytes($$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{bucket}}/*"}]}""");

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{bucket}?policy", body, "eu-west-1", WithMd5(body));

        Assert.Equal((403, "AccessDenied"), (status, code));
    }

    [Fact]
    public async Task PutBucketPolicy_TheCodeBucketsPolicyWhileBlockPublicPolicyIsOn_IsAcceptedAsNotPublic()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1", NewBucketDefaults.Current);
        var body = Encoding.UTF8.GetBytes(CodeBucketPolicy.Document("aws", bucket, "o-abc123xyz9"));

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{bucket}?policy", body, "eu-west-1", WithMd5(body));

        Assert.Equal((204, null), (status, code));
    }

    [Fact]
    public async Task PutBucketPolicy_ResourceOfAnotherBucket_IsMalformedPolicy()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var bucket = await NewBucketAsync(front, "eu-west-1");
        var body = Encoding.UTF8.GetBytes(CodeBucketPolicy.Document("aws", "someone-elses-bucket", "o-abc123xyz9"));

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{bucket}?policy", body, "eu-west-1", WithMd5(body));

        Assert.Equal((400, "MalformedPolicy"), (status, code));
    }

    [Theory]
    [InlineData("us-east-1", "us-east-1", "InvalidLocationConstraint")]
    [InlineData("eu-west-1", "us-east-1", "IllegalLocationConstraintException")]
    [InlineData(null, "eu-west-1", "IllegalLocationConstraintException")]
    public async Task CreateBucket_ConstraintThatDoesNotFitTheEndpoint_IsRefused(string? constraint, string signedRegion, string expected)
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var body = constraint is null
            ? []
            : Encoding.UTF8.GetBytes($"<CreateBucketConfiguration xmlns=\"{S3Documents.Namespace}\"><LocationConstraint>{constraint}</LocationConstraint></CreateBucketConfiguration>");

        var (status, code) = await SendAsync(front, HttpMethod.Put, $"/{NewName()}", body, signedRegion);

        Assert.Equal((400, expected), (status, code));
    }

    private static async Task<string> NewBucketAsync(S3Front front, string region, NewBucketDefaults defaults = NewBucketDefaults.Bare)
    {
        var bucket = NewName();
        front.NewBuckets = defaults;
        using var s3 = S3Endpoint.Client(front, region);
        var request = new PutBucketRequest { BucketName = bucket, UseClientRegion = false };
        if (region != "us-east-1")
        {
            request.PutBucketConfiguration = new PutBucketConfiguration { LocationConstraint = new Amazon.S3.BucketLocationConstraint(region) };
        }

        await s3.PutBucketAsync(request);
        return bucket;
    }

    private static string NewName() => $"fake-{Guid.NewGuid():N}"[..24];

    [SuppressMessage("Security", "CA5351", Justification = "Content-MD5 is the integrity header S3 defines, not a security control.")]
    private static Action<HttpRequestMessage> WithMd5(byte[] body) =>
        request => request.Content!.Headers.ContentMD5 = MD5.HashData(body);

    private static async Task<(int Status, string? Code)> SendAsync(
        S3Front front, HttpMethod method, string pathAndQuery, byte[] body, string region, Action<HttpRequestMessage>? unsigned = null, Action<HttpRequestMessage>? signed = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(front.BaseAddress, pathAndQuery));
        if (body.Length > 0 || method == HttpMethod.Put)
        {
            request.Content = new ByteArrayContent(body);
        }

        unsigned?.Invoke(request);
        S3Signature.Sign(request, body, region, S3rver.AccessKeyId, S3rver.SecretAccessKey, DateTimeOffset.UtcNow);
        signed?.Invoke(request);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var code = response.StatusCode < HttpStatusCode.BadRequest || text.Length == 0 ? null : XDocument.Parse(text).Root?.Element("Code")?.Value;
        return ((int)response.StatusCode, code);
    }
}
