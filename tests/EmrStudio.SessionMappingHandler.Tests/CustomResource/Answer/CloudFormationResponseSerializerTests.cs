using System.Text;
using System.Text.Json;
using EmrStudio.SessionMappingHandler.CustomResource.Answer;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Answer;

public sealed class CloudFormationResponseSerializerTests
{
    [Fact]
    public void Serialize_SmallAnswer_WritesEveryMemberAndOmitsNulls()
    {
        var body = CloudFormationResponseSerializer.Serialize(Response(reason: null, data: new() { ["StudioId"] = "es-1" }));

        var root = JsonDocument.Parse(body).RootElement;
        Assert.Equal("SUCCESS", root.GetProperty("Status").GetString());
        Assert.False(root.TryGetProperty("Reason", out _));
        Assert.False(root.TryGetProperty("NoEcho", out _));
        Assert.Equal("es-1", root.GetProperty("Data").GetProperty("StudioId").GetString());
    }

    [Fact]
    public void Serialize_ReasonOf5000Characters_CutWithAMarkToFit()
    {
        var body = CloudFormationResponseSerializer.Serialize(Response(reason: new string('r', 5000)));

        Assert.InRange(body.Length, CloudFormationResponseSerializer.MaxBodyBytes - 8, CloudFormationResponseSerializer.MaxBodyBytes);
        var reason = JsonDocument.Parse(body).RootElement.GetProperty("Reason").GetString()!;
        Assert.EndsWith(CloudFormationResponseSerializer.TruncationMark, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_ReasonOfSurrogatePairs_NeverSplitsAPair()
    {
        var body = CloudFormationResponseSerializer.Serialize(Response(reason: string.Concat(Enumerable.Repeat("😀", 3000))));

        Assert.True(body.Length <= CloudFormationResponseSerializer.MaxBodyBytes);
        var reason = JsonDocument.Parse(body).RootElement.GetProperty("Reason").GetString()!;
        var withoutMark = reason[..^CloudFormationResponseSerializer.TruncationMark.Length];
        Assert.Equal(0, withoutMark.Length % 2);
        Assert.All(withoutMark.Chunk(2), pair => Assert.True(char.IsSurrogatePair(pair[0], pair[1])));
    }

    [Fact]
    public void Serialize_NonAsciiReason_WrittenAsRawUtf8()
    {
        var body = CloudFormationResponseSerializer.Serialize(Response(reason: "Gruppe „Datenwissenschaft“ fehlt – 数据科学家"));

        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("Gruppe „Datenwissenschaft“ fehlt – 数据科学家", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_CharactersOutsideTheBasicPlane_WrittenAsRawUtf8()
    {
        var body = CloudFormationResponseSerializer.Serialize(Response(reason: "Policy 😀 for 𠀋 group"));

        var text = Encoding.UTF8.GetString(body);
        Assert.Contains("Policy 😀 for 𠀋 group", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("back\\slash \\uD83D\\uDE00 literally")]
    [InlineData("quote \" and control \u0001 and \\\\ pairs")]
    [InlineData("lone \\ at the end \\")]
    public void UnescapeSurrogatePairs_AnyOtherEscape_LeftIntact(string value)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value);

        var rewritten = CloudFormationResponseSerializer.UnescapeSurrogatePairs(json);

        Assert.Equal(value, JsonSerializer.Deserialize<string>(rewritten));
    }

    [Fact]
    public void Serialize_DataTooLargeWithAShortReason_ReasonCutBeforeDataIsDropped()
    {
        var data = new Dictionary<string, string> { ["Big"] = new string('d', 2500) };

        var body = CloudFormationResponseSerializer.Serialize(Response(reason: new string('r', 3000), data: data));

        var root = JsonDocument.Parse(body).RootElement;
        Assert.True(body.Length <= CloudFormationResponseSerializer.MaxBodyBytes);
        Assert.True(root.TryGetProperty("Data", out _));
        Assert.EndsWith("...", root.GetProperty("Reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_DataTooLargeForAnyReason_DataDroppedAndReasonKeptWhole()
    {
        var data = new Dictionary<string, string> { ["Big"] = new string('d', 5000) };

        var body = CloudFormationResponseSerializer.Serialize(Response(reason: "short reason", data: data));

        var root = JsonDocument.Parse(body).RootElement;
        Assert.False(root.TryGetProperty("Data", out _));
        Assert.Equal("short reason", root.GetProperty("Reason").GetString());
    }

    private static CloudFormationResponse Response(string? reason, Dictionary<string, string>? data = null) => new()
    {
        Status = reason is null ? ResponseStatus.Success : ResponseStatus.Failed,
        Reason = reason,
        PhysicalResourceId = "es-0123456789ABCDEFGHIJKLMNO/GROUP/90676d2f-4021-70b3-c1d1-6b8a2c3e4f50",
        StackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/analytics/5b1e3a70-9c3f-11ef-8a1b-0a1b2c3d4e5f",
        RequestId = "7d4e1c2a-5b6f-4a3e-9d8c-1f2e3d4c5b6a",
        LogicalResourceId = "DataScientists",
        Data = data,
    };
}
