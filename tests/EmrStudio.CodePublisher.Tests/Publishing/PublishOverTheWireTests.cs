using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Buckets;
using EmrStudio.CodePublisher.Code;
using EmrStudio.CodePublisher.Tests.TestDoubles;
using EmrStudio.CodePublisher.Tests.TestDoubles.S3;
using EmrStudio.Testing;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Publishing;

/// <summary>The publish command over the wire: S3's REST protocol, s3rver for buckets and objects, the front for the settings.</summary>
[Collection(S3rverCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class PublishOverTheWireTests(S3rverFixture fixture)
{
    private const string OrganizationId = "o-abc123xyz9";
    private static readonly string[] Regions = ["us-east-1", "eu-west-1", "ap-southeast-2"];

    [Fact]
    public async Task Publish_FirstRunInThreeRegions_CreatesConfiguresAndUploadsInEach()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        front.NewBuckets = NewBucketDefaults.Bare;
        var prefix = NewPrefix();
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");
        var key = KeyOf("bootstrap v1");

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, Regions));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Code key: {key}", run.Output, StringComparison.Ordinal);
        Assert.Contains($"  CodeBucketPrefix={prefix}\n  CodeKey={key}\n", run.Output, StringComparison.Ordinal);
        foreach (var region in Regions)
        {
            var bucket = $"{prefix}-{region}";
            Assert.Equal(
                [
                    $"bucket {bucket}: created in {region}",
                    "block public access: applied (all four on)",
                    "object ownership: verified (BucketOwnerEnforced)",
                    "default encryption: applied (SSE-S3 (AES256))",
                    "versioning: applied (Enabled)",
                    $"bucket policy: applied (TLS only; organization {OrganizationId} reads the code)",
                    $"code: uploaded {new FileInfo(zip).Length:N0} bytes to s3://{bucket}/{key}, version v",
                ],
                run.Lines(region).Select(line => line.StartsWith("code: ", StringComparison.Ordinal) ? line[..(line.IndexOf(", version v", StringComparison.Ordinal) + 11)] : line));
            await AssertConfiguredAsync(front, region, bucket);
            await AssertHoldsAsync(front, region, bucket, key, await File.ReadAllBytesAsync(zip));
        }

        Assert.Equal(Regions, front.Calls.Where(call => call.Operation == "CreateBucket").Select(call => call.SignedRegion));
        Assert.Equal(3, front.Calls.Count(call => call.Operation == "PutObject" && call.Status == 200));
        Assert.Matches(@"\nus-east-1 +\S+ +created +4 applied, 1 verified +uploaded [0-9,]+ bytes +ok\n", run.Output);
    }

    [Fact]
    public async Task Publish_BucketsMadeAsS3MakesThemToday_AppliesOnlyVersioningAndPolicy()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["eu-west-1"]));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["verified", "verified", "verified", "applied", "applied"],
            run.Lines("eu-west-1").Skip(1).Take(5).Select(line => line.Split(": ")[1].Split(' ')[0]));
    }

    [Fact]
    public async Task Publish_SecondRunWithTheSameZip_UploadsNothingAndSaysSoPerRegion()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        front.NewBuckets = NewBucketDefaults.Bare;
        var prefix = NewPrefix();
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");
        var key = KeyOf("bootstrap v1");
        Assert.Equal(0, (await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, Regions))).ExitCode);
        front.ClearCalls();

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, Regions));

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var region in Regions)
        {
            var bucket = $"{prefix}-{region}";
            Assert.Equal(
                [
                    $"bucket {bucket}: found (this account's, in {region})",
                    "block public access: verified (all four on)",
                    "object ownership: verified (BucketOwnerEnforced)",
                    "default encryption: verified (SSE-S3 (AES256))",
                    "versioning: verified (Enabled)",
                    $"bucket policy: verified (TLS only; organization {OrganizationId} reads the code)",
                    $"code: already there (s3://{bucket}/{key}, same SHA-256, version v{Regions.ToList().IndexOf(region) + 1}); nothing uploaded",
                ],
                run.Lines(region));
            Assert.Matches($@"\n{region} +{bucket} +found +5 verified +already there +ok\n", run.Output);
        }

        Assert.DoesNotContain(front.Calls, call => call.Operation.StartsWith("Put", StringComparison.Ordinal) || call.Operation == "CreateBucket");
    }

    [Fact]
    public async Task Publish_ExistingBucketLostSettings_RepairsExactlyThoseAndKeepsTheOwnersStatements()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        front.NewBuckets = NewBucketDefaults.Bare;
        var prefix = NewPrefix();
        var bucket = $"{prefix}-eu-west-1";
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");
        Assert.Equal(0, (await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["eu-west-1"]))).ExitCode);
        using (var s3 = S3Endpoint.Client(front, "eu-west-1"))
        {
            await s3.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = bucket });
            await s3.PutBucketVersioningAsync(new PutBucketVersioningRequest { BucketName = bucket, VersioningConfig = new S3BucketVersioningConfig { Status = VersionStatus.Suspended } });
            await s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = OwnersPolicy(bucket, otherOrganization: "o-zzzzzzzzzz") });
        }

        front.ClearCalls();
        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["eu-west-1"]));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                $"bucket {bucket}: found (this account's, in eu-west-1)",
                "block public access: repaired (was: none; now: all four on)",
                "object ownership: verified (BucketOwnerEnforced)",
                "default encryption: verified (SSE-S3 (AES256))",
                "versioning: repaired (was: Suspended; now: Enabled)",
                $"bucket policy: repaired (was: {CodeBucketPolicy.DenyInsecureTransportSid} missing, {CodeBucketPolicy.OrganizationReadSid} different; now: TLS only; organization {OrganizationId} reads the code; 1 other statement(s) kept)",
            ],
            run.Lines("eu-west-1").Take(6));
        Assert.StartsWith("code: already there", run.Lines("eu-west-1")[6], StringComparison.Ordinal);
        Assert.Equal(["PutPublicAccessBlock", "PutBucketVersioning", "PutBucketPolicy"], front.Calls.Where(call => call.Operation.StartsWith("Put", StringComparison.Ordinal)).Select(call => call.Operation));
        await AssertConfiguredAsync(front, "eu-west-1", bucket);
        using var check = S3Endpoint.Client(front, "eu-west-1");
        var statements = JsonNode.Parse((await check.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy)!["Statement"]!.AsArray();
        Assert.Equal(["OwnersAuditRead", CodeBucketPolicy.OrganizationReadSid, CodeBucketPolicy.DenyInsecureTransportSid], statements.Select(statement => statement!["Sid"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Publish_BucketMadeElsewhereWithNothingConfigured_RepairsEverySettingAndUploads()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        front.NewBuckets = NewBucketDefaults.Bare;
        var prefix = NewPrefix();
        var bucket = $"{prefix}-ap-southeast-2";
        using (var s3 = S3Endpoint.Client(front, "ap-southeast-2"))
        {
            await s3.PutBucketAsync(new PutBucketRequest
            {
                BucketName = bucket,
                UseClientRegion = false,
                PutBucketConfiguration = new PutBucketConfiguration { LocationConstraint = new BucketLocationConstraint("ap-southeast-2") },
            });
        }

        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["ap-southeast-2"]));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["found", "repaired", "repaired", "repaired", "repaired", "repaired", "uploaded"],
            run.Lines("ap-southeast-2").Select(line => line.Split(": ")[1].Split(' ')[0].TrimEnd(',')));
        await AssertConfiguredAsync(front, "ap-southeast-2", bucket);
    }

    [Fact]
    public async Task Publish_ChangedZip_UploadsUnderANewKeyAndKeepsTheOldObject()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        var first = HandlerZips.Write(directory.Path, "bootstrap v1");
        var second = HandlerZips.Write(directory.Path, "bootstrap v2");
        Assert.Equal(0, (await S3Endpoint.PublishAsync(front, Arguments(first, prefix, ["us-east-1", "eu-west-1"]))).ExitCode);

        var run = await S3Endpoint.PublishAsync(front, Arguments(second, prefix, ["us-east-1", "eu-west-1"]));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.NotEqual(KeyOf("bootstrap v1"), KeyOf("bootstrap v2"));
        Assert.Contains($"CodeKey={KeyOf("bootstrap v2")}", run.Output, StringComparison.Ordinal);
        foreach (var region in new[] { "us-east-1", "eu-west-1" })
        {
            Assert.StartsWith($"code: uploaded {new FileInfo(second).Length:N0} bytes to s3://{prefix}-{region}/{KeyOf("bootstrap v2")}", run.Lines(region)[^1], StringComparison.Ordinal);
            await AssertHoldsAsync(front, region, $"{prefix}-{region}", KeyOf("bootstrap v1"), await File.ReadAllBytesAsync(first));
            await AssertHoldsAsync(front, region, $"{prefix}-{region}", KeyOf("bootstrap v2"), await File.ReadAllBytesAsync(second));
        }
    }

    [Fact]
    public async Task Publish_OneRegionAnswers500_ReportsItFailsTheRunAndPublishesTheOthers()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        front.AddFault(new S3Fault($"{prefix}-eu-west-1", null, S3Errors.InternalError));
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, Regions));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            ["bucket: FAILED: ListBuckets (s3:ListAllMyBuckets) failed: InternalError (HTTP 500): We encountered an internal error. Please try again."],
            run.Lines("eu-west-1"));
        Assert.Matches($@"\neu-west-1 +{prefix}-eu-west-1 +- +- +- +FAILED at bucket\n", run.Output);
        Assert.Contains("1 of 3 region(s) failed:\n  eu-west-1: bucket: ListBuckets (s3:ListAllMyBuckets) failed: InternalError (HTTP 500)", run.Output, StringComparison.Ordinal);
        Assert.Contains("Stack instances in eu-west-1 cannot deploy until a run succeeds there", run.Output, StringComparison.Ordinal);
        Assert.Single(front.Calls, call => call.Status == 500);
        foreach (var region in new[] { "us-east-1", "ap-southeast-2" })
        {
            Assert.StartsWith("code: uploaded", run.Lines(region)[^1], StringComparison.Ordinal);
            Assert.Matches($@"\n{region} +\S+ +created +.* +ok\n", run.Output);
        }
    }

    [Fact]
    public async Task Publish_PolicyWriteDenied_NamesTheStepAndActionAndUploadsNothingThere()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        front.AddFault(new S3Fault($"{prefix}-ap-southeast-2", "PutBucketPolicy", S3Errors.AccessDenied));
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, Regions));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "bucket policy: FAILED: PutBucketPolicy (s3:PutBucketPolicy) failed: AccessDenied (HTTP 403): Access Denied",
            run.Lines("ap-southeast-2")[^1]);
        Assert.Matches(@"\nap-southeast-2 +\S+ +created +1 applied, 3 verified +- +FAILED at bucket policy\n", run.Output);
        Assert.DoesNotContain(front.Calls, call => call.Operation == "PutObject" && call.Bucket == $"{prefix}-ap-southeast-2");
        Assert.Equal(2, front.Calls.Count(call => call.Operation == "PutObject"));
    }

    [Fact]
    public async Task Publish_BucketNameOwnedByAnotherAccount_FailsThatRegionNamingThePrefix()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        front.AddForeignBucket($"{prefix}-eu-west-1");
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["eu-west-1"]));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"bucket: FAILED: CreateBucket (s3:CreateBucket) failed: the name {prefix}-eu-west-1 is taken by another AWS account (BucketAlreadyExists (HTTP 409): The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.); bucket names are global, so choose another --bucket-prefix",
            Assert.Single(run.Lines("eu-west-1")));
    }

    [Fact]
    public async Task Publish_BucketInAnotherRegion_FailsThatRegionAndTouchesNothing()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        using (var s3 = S3Endpoint.Client(front, "us-east-1"))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = $"{prefix}-eu-west-1", UseClientRegion = false });
        }

        front.ClearCalls();
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["eu-west-1"]));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"bucket: FAILED: GetBucketLocation (s3:GetBucketLocation) failed: the bucket {prefix}-eu-west-1 is in us-east-1, not in eu-west-1; Lambda in eu-west-1 reads code only from a bucket in eu-west-1. Delete that bucket or choose another --bucket-prefix",
            Assert.Single(run.Lines("eu-west-1")));
        Assert.Equal(["ListBuckets", "GetBucketLocation"], front.Calls.Select(call => call.Operation));
    }

    [Fact]
    public async Task Publish_ObjectUploadedElsewhereWithTheSameChecksum_IsRecognisedByTheChecksumS3Reports()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");
        Assert.Equal(0, (await S3Endpoint.PublishAsync(front, Arguments(HandlerZips.Write(directory.Path, "other"), prefix, ["eu-west-1"]))).ExitCode);
        var bytes = await File.ReadAllBytesAsync(zip);
        using (var s3 = S3Endpoint.Client(front, "eu-west-1"))
        {
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = $"{prefix}-eu-west-1",
                Key = KeyOf("bootstrap v1"),
                InputStream = new MemoryStream(bytes),
                ChecksumSHA256 = Convert.ToBase64String(SHA256.HashData(bytes)),
                UseChunkEncoding = false,
            });
        }

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["eu-west-1"]));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("code: already there", run.Lines("eu-west-1")[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publish_ObjectUnderTheKeyIsKmsEncrypted_ReplacesItWithAnSseS3Upload()
    {
        using var directory = new TemporaryDirectory();
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        var prefix = NewPrefix();
        var bucket = $"{prefix}-eu-west-1";
        var zip = HandlerZips.Write(directory.Path, "bootstrap v1");
        Assert.Equal(0, (await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["eu-west-1"]))).ExitCode);
        var bytes = await File.ReadAllBytesAsync(zip);
        using (var s3 = S3Endpoint.Client(front, "eu-west-1"))
        {
            var request = new PutObjectRequest
            {
                BucketName = bucket,
                Key = KeyOf("bootstrap v1"),
                InputStream = new MemoryStream(bytes),
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AWSKMS,
                UseChunkEncoding = false,
            };
            request.Metadata["zip-sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await s3.PutObjectAsync(request);
        }

        var run = await S3Endpoint.PublishAsync(front, Arguments(zip, prefix, ["eu-west-1"]));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith("replacing what was there (the object under the key is encrypted with aws:kms, which the organization's accounts may not be able to decrypt)", run.Lines("eu-west-1")[^1], StringComparison.Ordinal);
        using var check = S3Endpoint.Client(front, "eu-west-1");
        var head = await check.GetObjectMetadataAsync(bucket, KeyOf("bootstrap v1"));
        Assert.Equal(ServerSideEncryptionMethod.AES256, head.ServerSideEncryptionMethod);
    }

    private static string[] Arguments(string zip, string prefix, IEnumerable<string> regions) =>
        ["--zip", zip, "--bucket-prefix", prefix, "--regions", string.Join(',', regions), "--organization-id", OrganizationId];

    private static string NewPrefix() => $"t{Guid.NewGuid():N}"[..17];

    private static string KeyOf(string bootstrap) => CodeKey.ForBootstrapSha256(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(bootstrap))));

    private static string OwnersPolicy(string bucket, string otherOrganization) =>
        new JsonObject
        {
            ["Version"] = "2012-10-17",
            ["Statement"] = new JsonArray(
                new JsonObject
                {
                    ["Sid"] = "OwnersAuditRead",
                    ["Effect"] = "Allow",
                    ["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::111122223333:role/Audit" },
                    ["Action"] = "s3:GetObject",
                    ["Resource"] = $"arn:aws:s3:::{bucket}/*",
                },
                CodeBucketPolicy.Statements("aws", bucket, otherOrganization)[1].DeepClone()),
        }.ToJsonString();

    private static async Task AssertConfiguredAsync(S3Front front, string region, string bucket)
    {
        using var s3 = S3Endpoint.Client(front, region);
        var location = await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket });
        Assert.Equal(region, CodeBucketLocator.RegionOf(location.Location?.Value));
        var publicAccess = (await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket })).PublicAccessBlockConfiguration;
        Assert.True(publicAccess.BlockPublicAcls == true && publicAccess.IgnorePublicAcls == true && publicAccess.BlockPublicPolicy == true && publicAccess.RestrictPublicBuckets == true);
        var ownership = await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket });
        Assert.Equal(ObjectOwnership.BucketOwnerEnforced, Assert.Single(ownership.OwnershipControls.Rules).ObjectOwnership);
        var encryption = await s3.GetBucketEncryptionAsync(new GetBucketEncryptionRequest { BucketName = bucket });
        Assert.Equal(ServerSideEncryptionMethod.AES256, Assert.Single(encryption.ServerSideEncryptionConfiguration.ServerSideEncryptionRules).ServerSideEncryptionByDefault.ServerSideEncryptionAlgorithm);
        Assert.Equal(VersionStatus.Enabled, (await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket })).VersioningConfig.Status);
        var policy = JsonNode.Parse((await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket })).Policy)!;
        foreach (var statement in CodeBucketPolicy.Statements("aws", bucket, OrganizationId))
        {
            Assert.Contains(policy["Statement"]!.AsArray(), existing => PolicyJson.SameMeaning(existing, statement));
        }
    }

    private static async Task AssertHoldsAsync(S3Front front, string region, string bucket, string key, byte[] expected)
    {
        using var s3 = S3Endpoint.Client(front, region);
        using var got = await s3.GetObjectAsync(bucket, key);
        using var content = new MemoryStream();
        await got.ResponseStream.CopyToAsync(content);
        Assert.Equal(HttpStatusCode.OK, got.HttpStatusCode);
        Assert.Equal(expected, content.ToArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(expected)), got.Metadata["zip-sha256"]);
        Assert.Equal("application/zip", got.Headers.ContentType);
    }
}
