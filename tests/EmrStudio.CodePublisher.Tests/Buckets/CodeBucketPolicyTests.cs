using System.Text.Json.Nodes;
using EmrStudio.CodePublisher.Buckets;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Buckets;

public sealed class CodeBucketPolicyTests
{
    private const string Bucket = "my-org-emrstudio-eu-west-1";
    private const string Organization = "o-abc123xyz9";

    [Fact]
    public void Statements_ChinaPartition_NameTheBucketWithItsPartitionsArns()
    {
        var statements = CodeBucketPolicy.Statements("aws-cn", "code-cn-north-1", Organization);

        Assert.Equal("[\"arn:aws-cn:s3:::code-cn-north-1\",\"arn:aws-cn:s3:::code-cn-north-1/*\"]", statements[0]["Resource"]!.ToJsonString());
        Assert.Equal("arn:aws-cn:s3:::code-cn-north-1/emrstudio-session-mapping-handler/*", statements[1]["Resource"]!.GetValue<string>());
    }

    [Fact]
    public void Merge_NoPolicy_AddsBothStatementsAndNothingElse()
    {
        var merge = CodeBucketPolicy.Merge(null, Desired());

        Assert.Equal([$"{CodeBucketPolicy.DenyInsecureTransportSid} missing", $"{CodeBucketPolicy.OrganizationReadSid} missing"], merge.Changes);
        Assert.Equal(0, merge.OtherStatements);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(CodeBucketPolicy.Document("aws", Bucket, Organization)), JsonNode.Parse(merge.Policy)));
    }

    [Fact]
    public void Merge_TheStatementsAsS3HandsThemBackReformatted_ChangesNothing()
    {
        // One-element lists, scalars for lists, a boolean for a string, keys in another order, no whitespace.
        var stored = """
            {"Version":"2012-10-17","Statement":[
              {"Condition":{"Bool":{"aws:SecureTransport":false}},"Resource":["arn:aws:s3:::BUCKET/*","arn:aws:s3:::BUCKET"],"Action":["s3:*"],"Principal":"*","Effect":"Deny","Sid":"DENY_SID"},
              {"Sid":"READ_SID","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":["arn:aws:s3:::BUCKET/emrstudio-session-mapping-handler/*"],"Condition":{"StringEquals":{"aws:PrincipalOrgID":["ORGANIZATION"]}}}]}
            """
            .Replace("BUCKET", Bucket, StringComparison.Ordinal).Replace("ORGANIZATION", Organization, StringComparison.Ordinal)
            .Replace("DENY_SID", CodeBucketPolicy.DenyInsecureTransportSid, StringComparison.Ordinal).Replace("READ_SID", CodeBucketPolicy.OrganizationReadSid, StringComparison.Ordinal);

        var merge = CodeBucketPolicy.Merge(stored, Desired());

        Assert.False(merge.Changed);
    }

    [Fact]
    public void Merge_AnotherOrganizationAndTheOwnersStatements_ReplacesOnlyTheCodeStatementInItsPlace()
    {
        var stored = new JsonObject
        {
            ["Version"] = "2008-10-17",
            ["Id"] = "Owner",
            ["Statement"] = new JsonArray(
                new JsonObject { ["Sid"] = "Audit", ["Effect"] = "Allow", ["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::111122223333:root" }, ["Action"] = "s3:GetObject", ["Resource"] = $"arn:aws:s3:::{Bucket}/*" },
                CodeBucketPolicy.Statements("aws", Bucket, "o-zzzzzzzzzz")[1].DeepClone(),
                new JsonObject { ["Effect"] = "Deny", ["Principal"] = "*", ["Action"] = "s3:DeleteBucket", ["Resource"] = $"arn:aws:s3:::{Bucket}" }),
        }.ToJsonString();

        var merge = CodeBucketPolicy.Merge(stored, Desired());

        var policy = JsonNode.Parse(merge.Policy)!;
        Assert.Equal([$"{CodeBucketPolicy.DenyInsecureTransportSid} missing", $"{CodeBucketPolicy.OrganizationReadSid} different"], merge.Changes);
        Assert.Equal(2, merge.OtherStatements);
        Assert.Equal("2008-10-17", policy["Version"]!.GetValue<string>());
        Assert.Equal("Owner", policy["Id"]!.GetValue<string>());
        Assert.Equal(["Audit", CodeBucketPolicy.OrganizationReadSid, null, CodeBucketPolicy.DenyInsecureTransportSid], policy["Statement"]!.AsArray().Select(statement => statement!["Sid"]?.GetValue<string>()));
        Assert.Equal(Organization, policy["Statement"]![1]!["Condition"]!["StringEquals"]!["aws:PrincipalOrgID"]!.GetValue<string>());
    }

    [Fact]
    public void Merge_StatementAsASingleObject_IsReadAsAListOfOne()
    {
        var stored = """{"Version":"2012-10-17","Statement":{"Sid":"Audit","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::BUCKET/*"}}"""
            .Replace("BUCKET", Bucket, StringComparison.Ordinal).Replace("ORGANIZATION", Organization, StringComparison.Ordinal)
            .Replace("DENY_SID", CodeBucketPolicy.DenyInsecureTransportSid, StringComparison.Ordinal).Replace("READ_SID", CodeBucketPolicy.OrganizationReadSid, StringComparison.Ordinal);

        var merge = CodeBucketPolicy.Merge(stored, Desired());

        Assert.Equal(3, JsonNode.Parse(merge.Policy)!["Statement"]!.AsArray().Count);
        Assert.Equal(1, merge.OtherStatements);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"Statement\": 5}")]
    public void Merge_PolicyThatIsNotAPolicyDocument_IsInvalidData(string stored) =>
        Assert.Throws<InvalidDataException>(() => CodeBucketPolicy.Merge(stored, Desired()));

    private static IReadOnlyList<JsonObject> Desired() => CodeBucketPolicy.Statements("aws", Bucket, Organization);
}
