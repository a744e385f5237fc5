using System.Text;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Tests.Fixtures;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Request;

public sealed class CloudFormationRequestParserTests
{
    [Fact]
    public void Parse_CreateEvent_ReadsEveryMember()
    {
        var request = CloudFormationRequestParser.Parse(EventFixtures.LoadBytes("create.json"));

        Assert.Equal("Create", request.RequestType);
        Assert.Equal(EventFixtures.SampleResponseUrl, request.ResponseUrl);
        Assert.Equal("arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f", request.StackId);
        Assert.Equal("7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a", request.RequestId);
        Assert.Equal("DataScientists", request.LogicalResourceId);
        Assert.Equal("Custom::EmrStudioSessionMapping", request.ResourceType);
        Assert.Null(request.PhysicalResourceId);
        Assert.Null(request.OldResourceProperties);
        Assert.Equal("GROUP", request.ResourceProperties!.Value.GetProperty("IdentityType").GetString());
    }

    [Fact]
    public void Parse_UpdateEvent_KeepsBothPropertyBagsAfterTheDocumentIsGone()
    {
        var request = CloudFormationRequestParser.Parse(EventFixtures.LoadBytes("update.json"));
        GC.Collect();

        Assert.Equal("Update", request.RequestType);
        Assert.Equal("es-0123456789ABCDEFGHIJKLMNO/GROUP/90676d2f-4021-70b3-c1d1-6b8a2c3e4f50", request.PhysicalResourceId);
        Assert.EndsWith("V2", request.ResourceProperties!.Value.GetProperty("SessionPolicyArn").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("Scientist", request.OldResourceProperties!.Value.GetProperty("SessionPolicyArn").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownRequestType_KeptAsGivenForTheProviderToRefuse()
    {
        var request = CloudFormationRequestParser.Parse(EventFixtures.LoadBytes("unknown-request-type.json"));

        Assert.Equal("Rename", request.RequestType);
    }

    [Fact]
    public void Parse_MembersOfTheWrongType_AnswerableFieldsKeptOthersEmptied()
    {
        var request = CloudFormationRequestParser.Parse(EventFixtures.LoadBytes("wrong-member-types.json"));

        Assert.Equal(string.Empty, request.RequestType);
        Assert.Null(request.ResourceType);
        Assert.Null(request.PhysicalResourceId);
        Assert.Equal(JsonValueKind.String, request.ResourceProperties!.Value.ValueKind);
        Assert.Equal(JsonValueKind.Null, request.OldResourceProperties!.Value.ValueKind);
        Assert.Equal("DataScientists", request.LogicalResourceId);
    }

    [Theory]
    [InlineData("no-response-url.json")]
    [InlineData("response-url-not-a-string.json")]
    [InlineData("response-url-relative.json")]
    [InlineData("response-url-ftp.json")]
    [InlineData("stack-id-not-a-string.json")]
    [InlineData("array.json")]
    public void Parse_EventThatCannotBeAnswered_ThrowsMalformedEvent(string fixture)
    {
        var exception = Assert.Throws<MalformedEventException>(() => CloudFormationRequestParser.Parse(EventFixtures.LoadBytes(fixture)));

        Assert.DoesNotContain("X-Amz-Signature", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(EventFixtures.SampleSignature, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("42")]
    [InlineData("\"Create\"")]
    [InlineData("{")]
    [InlineData("{\"ResponseURL\": \"https://example.com/x\",}")]
    [InlineData("{\"ResponseURL\": \"https://example.com/x\", \"StackId\": \"s\", \"RequestId\": \"r\"}")]
    [InlineData("{\"ResponseURL\": \"https://example.com/x\", \"StackId\": \"\\ud800\", \"RequestId\": \"r\", \"LogicalResourceId\": \"l\"}")]
    [InlineData("{\"ResponseURL\": null, \"StackId\": \"s\", \"RequestId\": \"r\", \"LogicalResourceId\": \"l\"}")]
    [InlineData("{\"ResponseURL\": \"https://\", \"StackId\": \"s\", \"RequestId\": \"r\", \"LogicalResourceId\": \"l\"}")]
    public void Parse_Garbage_ThrowsMalformedEvent(string body)
    {
        Assert.Throws<MalformedEventException>(() => CloudFormationRequestParser.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Parse_InvalidUtf8_ThrowsMalformedEvent()
    {
        byte[] body = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'];

        Assert.Throws<MalformedEventException>(() => CloudFormationRequestParser.Parse(body));
    }

    [Fact]
    public void Parse_NestedTenThousandLevelsDeep_ThrowsMalformedEventWithoutOverflowingTheStack()
    {
        var body = "{\"ResourceProperties\":" + new string('[', 10_000) + new string(']', 10_000) + "}";

        Assert.Throws<MalformedEventException>(() => CloudFormationRequestParser.Parse(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Parse_EchoFieldOverTheLimit_ThrowsMalformedEvent()
    {
        var body = Event(stackId: new string('s', CloudFormationRequestParser.MaxEchoFieldBytes + 1));

        Assert.Throws<MalformedEventException>(() => CloudFormationRequestParser.Parse(body));
    }

    [Fact]
    public void Parse_EchoFieldAtTheLimitCountingEscapes_Accepted()
    {
        // 510 quotes escape to 1020 bytes, plus four bytes: exactly the limit.
        var stackId = new string('"', 510) + "abcd";

        var request = CloudFormationRequestParser.Parse(Event(stackId: stackId));

        Assert.Equal(stackId, request.StackId);
    }

    [Fact]
    public void Parse_EchoFieldsTogetherOverTheLimit_ThrowsMalformedEvent()
    {
        var body = Event(stackId: new string('s', 1000), requestId: new string('r', 1000), logicalResourceId: new string('l', 100));

        Assert.Throws<MalformedEventException>(() => CloudFormationRequestParser.Parse(body));
    }

    [Fact]
    public void Parse_HugeStringInsideProperties_KeptForTheProviderToJudge()
    {
        var huge = new string('x', 1_000_000);
        var body = Encoding.UTF8.GetBytes(
            "{\"RequestType\":\"Create\",\"ResponseURL\":\"https://example.com/r\",\"StackId\":\"s\",\"RequestId\":\"r\","
            + "\"LogicalResourceId\":\"l\",\"ResourceProperties\":{\"StudioId\":\"" + huge + "\"}}");

        var request = CloudFormationRequestParser.Parse(body);

        Assert.Equal(huge.Length, request.ResourceProperties!.Value.GetProperty("StudioId").GetString()!.Length);
    }

    [Fact]
    public void Parse_ResponseUrlLongerThanAnyPresignedUrl_ThrowsMalformedEvent()
    {
        var url = "https://example.com/" + new string('a', CloudFormationRequestParser.MaxResponseUrlLength);

        Assert.Throws<MalformedEventException>(() => CloudFormationRequestParser.Parse(Event(responseUrl: url)));
    }

    private static byte[] Event(
        string responseUrl = "https://example.com/r",
        string stackId = "stack",
        string requestId = "request",
        string logicalResourceId = "Logical")
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("RequestType", "Create");
            json.WriteString("ResponseURL", responseUrl);
            json.WriteString("StackId", stackId);
            json.WriteString("RequestId", requestId);
            json.WriteString("LogicalResourceId", logicalResourceId);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
