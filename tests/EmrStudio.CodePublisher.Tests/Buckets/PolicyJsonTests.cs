using System.Text.Json.Nodes;
using EmrStudio.CodePublisher.Buckets;
using Xunit;

namespace EmrStudio.CodePublisher.Tests.Buckets;

public sealed class PolicyJsonTests
{
    [Theory]
    [InlineData("{\"a\":\"x\"}", "{\"a\":[\"x\"]}")]
    [InlineData("{\"a\":[\"x\",\"y\"]}", "{\"a\":[\"y\",\"x\"]}")]
    [InlineData("{\"a\":false}", "{\"a\":\"false\"}")]
    [InlineData("{\"a\":1,\"b\":2}", "{ \"b\" : 2, \"a\" : 1 }")]
    public void SameMeaning_FormsIamReadsAlike_AreEqual(string left, string right) =>
        Assert.True(PolicyJson.SameMeaning(JsonNode.Parse(left), JsonNode.Parse(right)));

    [Theory]
    [InlineData("{\"a\":\"x\"}", "{\"a\":\"X\"}")]
    [InlineData("{\"a\":[\"x\",\"y\"]}", "{\"a\":[\"x\"]}")]
    [InlineData("{\"a\":\"x\"}", "{\"a\":\"x\",\"b\":\"x\"}")]
    [InlineData("{\"A\":\"x\"}", "{\"a\":\"x\"}")]
    public void SameMeaning_DifferentContent_AreNotEqual(string left, string right) =>
        Assert.False(PolicyJson.SameMeaning(JsonNode.Parse(left), JsonNode.Parse(right)));
}
