using System.Net;
using System.Net.Http.Headers;
using System.Text;
using EmrStudio.Testing.CloudFormation;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.CustomResource.Answer;

/// <summary>The receiver's checks, so that "no violations" elsewhere means something.</summary>
public sealed class ResponseUrlReceiverTests : IAsyncLifetime
{
    private const string ValidBody =
        """{"Status":"SUCCESS","PhysicalResourceId":"p","StackId":"s","RequestId":"r","LogicalResourceId":"l","Data":{"A":"1"}}""";

    private readonly ResponseUrlReceiver _receiver = new();
    private readonly HttpClient _http = new();

    public Task InitializeAsync() => _receiver.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Put_ValidAnswer_AcceptedWithoutViolations()
    {
        var url = _receiver.CreateResponseUrl("s", "r", "l");

        var status = await PutAsync(url, ValidBody, contentType: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(_receiver.Violations);
        Assert.Equal(1, _receiver.AcceptedCount(url));
        Assert.Equal("1", (await _receiver.WaitForAnswerAsync(url, TestDoubles.HangGuard.Limit)).Data!["A"]);
    }

    [Fact]
    public async Task Put_ContentTypeSetAndEchoWrong_EachViolationRecorded()
    {
        var url = _receiver.CreateResponseUrl("s", "r", "l");

        await PutAsync(url, ValidBody.Replace("\"s\"", "\"other\"", StringComparison.Ordinal), contentType: "application/json");

        var violations = _receiver.ViolationsFor(url);
        Assert.Contains(violations, violation => violation.Contains("Content-Type", StringComparison.Ordinal));
        Assert.Contains(violations, violation => violation.Contains("StackId", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"Status":"FAILED","PhysicalResourceId":"p","StackId":"s","RequestId":"r","LogicalResourceId":"l"}""", "Reason")]
    [InlineData("""{"Status":"DONE","PhysicalResourceId":"p","StackId":"s","RequestId":"r","LogicalResourceId":"l"}""", "Status")]
    [InlineData("""{"Status":"SUCCESS","PhysicalResourceId":"","StackId":"s","RequestId":"r","LogicalResourceId":"l"}""", "PhysicalResourceId")]
    [InlineData("""{"Status":"SUCCESS","PhysicalResourceId":"p","StackId":"s","RequestId":"r","LogicalResourceId":"l","NoEcho":"yes"}""", "NoEcho")]
    [InlineData("""{"Status":"SUCCESS","PhysicalResourceId":"p","StackId":"s","RequestId":"r","LogicalResourceId":"l","Data":{"A":{"B":1}}}""", "Data.A")]
    [InlineData("""[1]""", "not an object")]
    public async Task Put_AnswerBreakingTheProtocol_ViolationNamesTheRule(string body, string expected)
    {
        var url = _receiver.CreateResponseUrl("s", "r", "l");

        await PutAsync(url, body, contentType: null);

        Assert.Contains(_receiver.ViolationsFor(url), violation => violation.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_BodyOver4096Bytes_Violation()
    {
        var url = _receiver.CreateResponseUrl("s", "r", "l");

        await PutAsync(url, ValidBody.Replace("\"1\"", "\"" + new string('x', 5000) + "\"", StringComparison.Ordinal), contentType: null);

        Assert.Contains(_receiver.ViolationsFor(url), violation => violation.Contains("4096", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_SecondAnswer_RecordedAsAViolation()
    {
        var url = _receiver.CreateResponseUrl("s", "r", "l");

        await PutAsync(url, ValidBody, contentType: null);
        await PutAsync(url, ValidBody, contentType: null);

        Assert.Equal(2, _receiver.AcceptedCount(url));
        Assert.Contains(_receiver.ViolationsFor(url), violation => violation.Contains("exactly one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Put_QueryStringAltered_RefusedWith403()
    {
        var url = _receiver.CreateResponseUrl("s", "r", "l");

        var status = await PutAsync(url[..^4] + "0000", ValidBody, contentType: null);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(0, _receiver.AcceptedCount(url));
    }

    private async Task<HttpStatusCode> PutAsync(string url, string body, string? contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await _http.PutAsync(url, content);
        return response.StatusCode;
    }
}
