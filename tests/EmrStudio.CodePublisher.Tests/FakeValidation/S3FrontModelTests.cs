using System.Text.Json.Nodes;
using Amazon.S3.Model;
using EmrStudio.CodePublisher.Tests.TestDoubles;
using EmrStudio.CodePublisher.Tests.TestDoubles.S3;
using EmrStudio.Testing;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.FakeValidation;

/// <summary>
/// The S3 front against botocore's S3 model: the XML element names it reads and writes are exactly the model's, its
/// enumerations allow the model's values, it routes the model's HTTP bindings to the model's operations, and it
/// demands checksums where the model does. Then botocore's own client round-trips a document that fills every member
/// through the front, and parses the front's errors.
/// </summary>
[Collection(S3rverCollection.Name)]
[Trait(TestTier.Name, TestTier.Full)]
public sealed class S3FrontModelTests(S3rverFixture fixture)
{
    private static readonly Lazy<JsonObject> Model = new(() => BotocoreS3Model.Describe(Operations()));

    public static TheoryData<string> Documents => new(S3Documents.Subresources.Where(resource => resource.Document is not null).Select(resource => resource.Query));

    [Fact]
    public void Namespace_IsTheModels() =>
        Assert.Equal(S3Documents.Namespace, Model.Value["namespace"]!.GetValue<string>());

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_RequestElements_AreExactlyThePutOperationsPayload(string query)
    {
        var resource = Resource(query);
        var input = Operation(resource.PutOperation)["input"]!;

        Assert.Equal(input["root"]!.GetValue<string>(), resource.Document!.Name);
        Assert.Equal(Strings(input["paths"]), Relative(resource.Document));
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_AnswerElements_AreExactlyTheGetOperationsOutput(string query)
    {
        var resource = Resource(query);
        var output = Operation(resource.GetOperation)["output"]!;

        Assert.Equal(Strings(output["paths"]), Relative(resource.Document!));
        if (output["root"] is { } root)
        {
            Assert.Equal(root.GetValue<string>(), resource.Document!.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Document_Enumerations_AllowExactlyTheModelsValues(string query)
    {
        var resource = Resource(query);
        var modelled = Operation(resource.PutOperation)["input"]!["enums"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => Strings(pair.Value));

        var declared = resource.Document!.Enumerations().ToDictionary(
            enumeration => enumeration.Path[(resource.Document.Name.Length + 1)..],
            enumeration => enumeration.Values.Order(StringComparer.Ordinal).ToList());

        Assert.Equal(modelled.Keys.Order(StringComparer.Ordinal), declared.Keys.Order(StringComparer.Ordinal));
        Assert.All(declared, pair => Assert.Equal(modelled[pair.Key], pair.Value));
    }

    [Fact]
    public void CreateBucketConfiguration_Elements_AreExactlyTheModelsAndItsEnumerationsTheModelsValues()
    {
        var input = Operation("CreateBucket")["input"]!;
        var modelled = input["enums"]!.AsObject().ToDictionary(pair => pair.Key, pair => Strings(pair.Value));

        Assert.Equal(input["root"]!.GetValue<string>(), S3Documents.CreateBucketConfiguration.Name);
        Assert.Equal(Strings(input["paths"]), Relative(S3Documents.CreateBucketConfiguration));
        Assert.All(
            S3Documents.CreateBucketConfiguration.Enumerations(),
            enumeration => Assert.Equal(modelled[enumeration.Path[(S3Documents.CreateBucketConfiguration.Name.Length + 1)..]], enumeration.Values.Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void GetBucketLocation_Answer_IsTheModelsSingleMemberAsTheRootElement()
    {
        // botocore reads this answer with a customization: the member is the root element itself, holding the text.
        var output = Operation("GetBucketLocation")["output"]!;

        Assert.Equal([S3Documents.LocationConstraint.Name], Strings(output["paths"]));
        Assert.Null(output["root"]);
        Assert.Equal(XmlLeafKind.Text, S3Documents.LocationConstraint.Leaf);
    }

    [Fact]
    public void Policy_BothWays_IsARawStringPayload()
    {
        Assert.Equal("string", Operation(S3Documents.PolicyResource.PutOperation)["input"]!["payloadType"]!.GetValue<string>());
        Assert.Equal("string", Operation(S3Documents.PolicyResource.GetOperation)["output"]!["payloadType"]!.GetValue<string>());
        Assert.Null(S3Documents.PolicyResource.Document);
    }

    [Fact]
    public void ChecksumRequired_IsExactlyWhereTheModelRequiresOne()
    {
        var modelled = Model.Value["operations"]!.AsObject()
            .Where(pair => pair.Value!["checksumRequired"]!.GetValue<bool>())
            .Select(pair => pair.Key);

        Assert.Equal(modelled.Order(StringComparer.Ordinal), S3Documents.ChecksumRequired.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void HttpBindings_OfEveryOperation_RouteToThatOperation()
    {
        foreach (var (name, operation) in Model.Value["operations"]!.AsObject())
        {
            var uri = operation!["requestUri"]!.GetValue<string>().Replace("{Bucket}", "model-check", StringComparison.Ordinal);
            var query = uri.IndexOf('?', StringComparison.Ordinal);
            var context = new DefaultHttpContext();
            context.Request.Method = operation["method"]!.GetValue<string>();
            context.Request.Path = query < 0 ? uri : uri[..query];
            context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(uri[query..]);

            Assert.Equal(name, S3Target.Of(context.Request).Operation);
        }
    }

    [Fact]
    public async Task Botocore_RoundTripsEveryDocumentAndParsesEveryAbsentAnswer()
    {
        await using var front = await S3Front.StartAsync(fixture.S3rver);
        front.NewBuckets = NewBucketDefaults.Bare;
        var bucket = $"model-{Guid.NewGuid():N}"[..24];
        using (var s3 = S3Endpoint.Client(front, "us-east-1"))
        {
            await s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, UseClientRegion = false });
        }

        var report = BotocoreS3Model.RoundTrip(front.BaseAddress, bucket, S3Documents.Subresources.Select(resource => (resource.PutOperation, resource.GetOperation)));

        foreach (var resource in S3Documents.Subresources)
        {
            var roundTrip = report["roundtrips"]![resource.PutOperation]!;
            var parsed = roundTrip["parsed"]!.AsObject();
            var error = report["errors"]![resource.GetOperation]!;
            if (resource.Document is null)
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(roundTrip["sent"]!.GetValue<string>()), JsonNode.Parse(parsed["Policy"]!.GetValue<string>())), roundTrip.ToJsonString());
                Assert.Empty(Strings(roundTrip["answerRoot"]));
            }
            else
            {
                var answered = parsed.Count == 1 && parsed.First().Value is JsonObject payload && roundTrip["sent"] is JsonObject sent && !sent.ContainsKey(parsed.First().Key)
                    ? payload
                    : parsed;
                Assert.True(JsonNode.DeepEquals(roundTrip["sent"], answered), $"{resource.PutOperation}: sent {roundTrip["sent"]!.ToJsonString()}, parsed {parsed.ToJsonString()}");
                Assert.Equal([resource.Document.Name], Strings(roundTrip["answerRoot"]));
                Assert.Equal(Strings(Operation(resource.GetOperation)["output"]!["paths"]), Strings(roundTrip["answerPaths"]));
            }

            if (resource.Absent is { } absent)
            {
                var expected = absent(bucket);
                Assert.Equal(expected.Code, error["code"]!.GetValue<string>());
                Assert.Equal(expected.Message, error["message"]!.GetValue<string>());
                Assert.Equal((int)expected.Status, error["status"]!.GetValue<int>());
            }
            else
            {
                Assert.Null(error["raised"]);
            }
        }

        var created = report["createBucket"]!;
        Assert.Equal(created["sent"]!["LocationConstraint"]!.GetValue<string>(), created["location"]!["LocationConstraint"]!.GetValue<string>());
    }

    private static IEnumerable<string> Operations() =>
        S3Documents.Subresources
            .SelectMany(resource => new[] { resource.GetOperation, resource.PutOperation, resource.DeleteOperation })
            .OfType<string>()
            .Concat(["CreateBucket", "GetBucketLocation"]);

    private static S3Subresource Resource(string query) => S3Documents.Subresources.Single(resource => resource.Query == query);

    private static JsonNode Operation(string name) => Model.Value["operations"]![name] ?? throw new KeyNotFoundException(name);

    private static List<string> Relative(XmlShape document) =>
        [.. document.Paths().Skip(1).Select(path => path[(document.Name.Length + 1)..]).Order(StringComparer.Ordinal)];

    private static List<string> Strings(JsonNode? node) =>
        [.. node!.AsArray().Select(item => item!.GetValue<string>()).Order(StringComparer.Ordinal)];
}
