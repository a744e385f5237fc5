using System.Text.Json;
using EmrStudio.SessionMappingHandler.CustomResource.Admission;
using EmrStudio.SessionMappingHandler.CustomResource.Request;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Admission;

public sealed class EventAgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("?X-Amz-Date=20261201T085500Z&X-Amz-Signature=s", 300)]
    [InlineData("?x-amz-date=20261201T080001Z", null)]
    [InlineData("?AWSAccessKeyId=AKIA&Expires=1796119200&Signature=s", null)]
    [InlineData("", 300)]
    [InlineData("?X-Amz-Date=garbage", 300)]
    public void Refusal_EventCloudFormationStillWaitsFor_IsNull(string query, int? serviceTimeout)
    {
        Assert.Null(EventAge.Refusal(Request(query, serviceTimeout), Now));
    }

    [Theory]
    [InlineData("?X-Amz-Date=20261201T085459Z&X-Amz-Signature=s", 300, "301 s ago")]
    [InlineData("?X-Amz-Date=20261201T075959Z", null, "3601 s ago")]
    [InlineData("?AWSAccessKeyId=AKIA&Expires=1796119199&Signature=s", null, "3601 s ago")]
    public void Refusal_EventOlderThanItsServiceTimeout_SaysSo(string query, int? serviceTimeout, string expected)
    {
        var refusal = EventAge.Refusal(Request(query, serviceTimeout), Now);

        Assert.NotNull(refusal);
        Assert.Contains(expected, refusal, StringComparison.Ordinal);
        Assert.Contains("ServiceTimeout", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"3601\"")]
    [InlineData("\"five\"")]
    [InlineData("\"1.5\"")]
    [InlineData("true")]
    [InlineData("[300]")]
    public void Refusal_ServiceTimeoutCloudFormationWouldReject_FailsNamingIt(string json)
    {
        var properties = MappingEvents.Json($$"""{"StudioId":"es-ABC","ServiceTimeout":{{json}}}""");
        var request = MappingEvents.Request("Create", null, properties, null) with { ResponseUrl = "https://b.s3.amazonaws.com/x" };

        Assert.StartsWith("ServiceTimeout:", EventAge.Refusal(request, Now), StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_NumericServiceTimeout_IsRead()
    {
        var properties = MappingEvents.Json("""{"ServiceTimeout":60}""");
        var request = MappingEvents.Request("Create", null, properties, null) with { ResponseUrl = "https://b.s3.amazonaws.com/x?X-Amz-Date=20261201T085859Z" };

        Assert.NotNull(EventAge.Refusal(request, Now));
    }

    [Fact]
    public void IssuedAt_SigV2Url_IsTwoHoursBeforeItsExpiry()
    {
        Assert.Equal(Now, EventAge.IssuedAt($"https://b.s3.amazonaws.com/x?Expires={(Now + TimeSpan.FromHours(2)).ToUnixTimeSeconds()}"));
    }

    private static CloudFormationRequest Request(string query, int? serviceTimeout)
    {
        var properties = serviceTimeout is null
            ? MappingEvents.Json("""{"StudioId":"es-ABC"}""")
            : MappingEvents.Json(JsonSerializer.Serialize(new Dictionary<string, string> { ["ServiceTimeout"] = serviceTimeout.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        return MappingEvents.Request("Create", null, properties, null) with
        {
            ResponseUrl = "https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/x" + query,
        };
    }
}
