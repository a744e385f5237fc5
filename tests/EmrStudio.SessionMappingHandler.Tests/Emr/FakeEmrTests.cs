using System.Diagnostics.CodeAnalysis;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Aws;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Http;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Emr;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Emr;

/// <summary>The fake must refuse what EMR refuses, or tests that rely on it would prove nothing.</summary>
public sealed class FakeEmrTests : IAsyncLifetime
{
    private FakeEmrSession _session = null!;
    private HttpClient _signed = null!;
    private HttpClient _unsigned = null!;

    public async Task InitializeAsync()
    {
        _session = await FakeEmrSession.StartAsync();
        _signed = NewClient(signed: true);
        _unsigned = NewClient(signed: false);
    }

    public async Task DisposeAsync()
    {
        _signed.Dispose();
        _unsigned.Dispose();
        await _session.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"IdentityType":"USER","IdentityName":"alice"}""", EmrErrors.Validation, "studioId")]
    [InlineData("""{"StudioId":"es-0123456789ABCDEFGHIJKLMNO","IdentityName":"alice"}""", EmrErrors.Validation, "identityType")]
    [InlineData("""{"StudioId":"es-0123456789ABCDEFGHIJKLMNO","IdentityType":"ROLE","IdentityName":"alice"}""", EmrErrors.Validation, "[USER, GROUP]")]
    [InlineData("""{"StudioId":"es-0123456789ABCDEFGHIJKLMNO","IdentityType":"USER"}""", EmrErrors.InvalidRequest, "IdentityId or IdentityName")]
    [InlineData("""{"StudioId":"es-0123456789ABCDEFGHIJKLMNO","IdentityType":"USER","IdentityName":"alice","IdentityId":"x"}""", EmrErrors.InvalidRequest, "IdentityId or IdentityName")]
    [InlineData("""{"StudioId":"es-0123456789ABCDEFGHIJKLMNO","IdentityType":"USER","IdentityName":"alice","Extra":"x"}""", "SerializationException", "Extra")]
    [InlineData("""{"StudioId":"es-0123456789ABCDEFGHIJKLMNO","IdentityType":"USER","IdentityName":7}""", "SerializationException", "IdentityName")]
    [InlineData("""{"StudioId":"es-0123456789ABCDEFGHIJKLMNO","IdentityType":"USER","IdentityName":"al\u0007ice"}""", EmrErrors.Validation, "identityName")]
    [InlineData("not json", "SerializationException", "JSON")]
    public async Task Get_InvalidRequest_IsRejectedAndRecorded(string body, string expectedType, string expectedInMessage)
    {
        var (status, answer) = await SendAsync(_signed, "ElasticMapReduce.GetStudioSessionMapping", body);

        Assert.Equal(400, status);
        Assert.EndsWith(expectedType, answer["__type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(expectedInMessage, answer["Message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single(_session.Emr.Rejections);
    }

    [Fact]
    public async Task Create_StringOfLength257_IsRejectedButLength256IsNot()
    {
        var tooLong = new JsonObject { ["StudioId"] = FakeEmrSession.StudioId, ["IdentityType"] = "USER", ["IdentityName"] = new string('a', 257), ["SessionPolicyArn"] = "arn" };
        var longest = new JsonObject { ["StudioId"] = FakeEmrSession.StudioId, ["IdentityType"] = "USER", ["IdentityName"] = new string('a', 256), ["SessionPolicyArn"] = "arn" };

        var (_, rejected) = await SendAsync(_signed, "ElasticMapReduce.CreateStudioSessionMapping", tooLong.ToJsonString());
        var (_, answered) = await SendAsync(_signed, "ElasticMapReduce.CreateStudioSessionMapping", longest.ToJsonString());

        Assert.EndsWith(EmrErrors.Validation, rejected["__type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("IdentityName is invalid", answered["Message"]!.GetValue<string>());
        Assert.Single(_session.Emr.Rejections);
    }

    [Fact]
    public async Task Create_TabAndNewlineInStrings_AreNotRejected()
    {
        var body = new JsonObject { ["StudioId"] = FakeEmrSession.StudioId, ["IdentityType"] = "GROUP", ["IdentityName"] = "data\tscien\r\ntists", ["SessionPolicyArn"] = "arn" };

        var (status, answer) = await SendAsync(_signed, "ElasticMapReduce.CreateStudioSessionMapping", body.ToJsonString());

        Assert.Equal(400, status);
        Assert.Equal("IdentityName is invalid", answer["Message"]!.GetValue<string>());
        Assert.Empty(_session.Emr.Rejections);
    }

    [Fact]
    public async Task Request_UnknownTarget_IsRejected()
    {
        var (status, answer) = await SendAsync(_signed, "ElasticMapReduce.DescribeCluster", "{}");

        Assert.Equal(400, status);
        Assert.Equal("UnknownOperationException", answer["__type"]!.GetValue<string>());
        Assert.Single(_session.Emr.Rejections);
    }

    [Fact]
    public async Task Request_WrongContentType_IsRejected()
    {
        var (status, answer) = await SendAsync(_signed, "ElasticMapReduce.ListStudioSessionMappings", "{}", "application/json");

        Assert.Equal(400, status);
        Assert.Equal("SerializationException", answer["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_Unsigned_IsRejectedAsMissingToken()
    {
        var (status, answer) = await SendAsync(_unsigned, "ElasticMapReduce.ListStudioSessionMappings", "{}");

        Assert.Equal(403, status);
        Assert.Equal("MissingAuthenticationTokenException", answer["__type"]!.GetValue<string>());
        Assert.Single(_session.Emr.Rejections);
    }

    [Fact]
    public async Task Request_MalformedAuthorization_IsRejectedAsIncomplete()
    {
        using var message = Message("ElasticMapReduce.ListStudioSessionMappings", "{}", "application/x-amz-json-1.1");
        message.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKID");

        using var response = await _unsigned.SendAsync(message);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("IncompleteSignatureException", answer["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Throttling_IsNotARejection()
    {
        _session.Emr.FailNext("ListStudioSessionMappings", 1, FakeEmrFault.Throttle);

        var (status, answer) = await SendAsync(_signed, "ElasticMapReduce.ListStudioSessionMappings", "{}");

        Assert.Equal(400, status);
        Assert.Equal(EmrErrors.Throttling, answer["__type"]!.GetValue<string>());
        Assert.Empty(_session.Emr.Rejections);
    }

    [Fact]
    public async Task List_MoreMappingsThanAPage_PagesWithMarker()
    {
        _session.Emr.PageSize = 2;
        for (var i = 0; i < 5; i++)
        {
            _session.Emr.PutMapping(FakeEmrSession.StudioId, _session.Emr.AddUser($"user{i}"), FakeEmrSession.PolicyArn);
        }

        var seen = new List<string>();
        string? marker = null;
        var pages = 0;
        do
        {
            var request = new JsonObject { ["StudioId"] = FakeEmrSession.StudioId, ["IdentityType"] = "USER" };
            if (marker is not null)
            {
                request["Marker"] = marker;
            }

            var (_, answer) = await SendAsync(_signed, "ElasticMapReduce.ListStudioSessionMappings", request.ToJsonString());
            seen.AddRange(answer["SessionMappings"]!.AsArray().Select(mapping => mapping!["IdentityName"]!.GetValue<string>()));
            marker = answer["Marker"]?.GetValue<string>();
            pages++;
        }
        while (marker is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["user0", "user1", "user2", "user3", "user4"], seen.Order());
    }

    [Fact]
    public async Task Get_AfterRename_ReportsTheNewNameForTheSameId()
    {
        using var client = _session.CreateClient();
        _session.Emr.PutMapping(FakeEmrSession.StudioId, _session.User, FakeEmrSession.PolicyArn);

        _session.Emr.RenameIdentity(_session.User.Id, "alice.smith");
        var detail = await client.GetStudioSessionMappingAsync(_session.Key(_session.User), CancellationToken.None);

        Assert.Equal("alice.smith", detail.IdentityName);
        Assert.Equal(_session.User.Id, detail.IdentityId);
    }

    [Fact]
    public async Task Create_ByNameThenById_IsTheSameMapping()
    {
        using var client = _session.CreateClient();
        await client.CreateStudioSessionMappingAsync(_session.Input(_session.Group, byName: true), CancellationToken.None);

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(_session.Input(_session.Group), CancellationToken.None));

        Assert.True(error.IsAlreadyExists);
        Assert.Single(_session.Emr.Mappings);
    }

    [Fact]
    public async Task ListStudios_MoreStudiosThanAPage_PagesWithMarkerAndGivesNames()
    {
        _session.Emr.PageSize = 2;
        _session.Emr.AddStudio("es-SECOND", "analytics");
        _session.Emr.AddStudio("es-THIRD", "analytics");
        using var client = _session.CreateClient();

        var seen = new List<StudioSummary>();
        string? marker = null;
        do
        {
            var page = await client.ListStudiosAsync(marker, CancellationToken.None);
            seen.AddRange(page.Items);
            marker = page.NextMarker;
        }
        while (marker is not null);

        Assert.Equal([FakeEmrSession.StudioId, "es-SECOND", "es-THIRD"], seen.Select(studio => studio.StudioId).Order(StringComparer.Ordinal));
        Assert.Equal(2, seen.Count(studio => studio.Name == "analytics"));
        Assert.Equal(2, _session.Emr.CountOf("ListStudios"));
    }

    [Fact]
    public async Task ListStudios_UnknownMember_IsRejectedLikeEmr()
    {
        var (status, answer) = await SendAsync(_signed, "ElasticMapReduce.ListStudios", """{"StudioId":"es-X"}""");

        Assert.Equal(400, status);
        Assert.Equal("SerializationException", answer["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListStudioSessionMappings_OneStudio_GivesOnlyThatStudiosMappings()
    {
        _session.Emr.AddStudio("es-OTHER");
        _session.Emr.PutMapping(FakeEmrSession.StudioId, _session.User, FakeEmrSession.PolicyArn);
        _session.Emr.PutMapping("es-OTHER", _session.Group, FakeEmrSession.PolicyArn);
        using var client = _session.CreateClient();

        var page = await client.ListStudioSessionMappingsAsync(FakeEmrSession.StudioId, null, CancellationToken.None);

        var mapping = Assert.Single(page.Items);
        Assert.Equal(_session.User.Id, mapping.IdentityId);
        Assert.Null(page.NextMarker);
    }

    [Fact]
    public async Task RateLimit_BurstSpent_ThrottlesUntilTheBucketRefills()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        _session.Emr.Clock = clock;
        _session.Emr.RateLimit = new FakeRateLimit(RatePerSecond: 2, Burst: 3);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await SendAsync(_signed, "ElasticMapReduce.ListStudios", "{}")).Status);
        }

        clock.Advance(TimeSpan.FromMilliseconds(500));
        var afterRefill = (await SendAsync(_signed, "ElasticMapReduce.ListStudios", "{}")).Status;
        var emptyAgain = await SendAsync(_signed, "ElasticMapReduce.ListStudios", "{}");

        Assert.Equal([200, 200, 200, 400], statuses);
        Assert.Equal(200, afterRefill);
        Assert.Equal("ThrottlingException", emptyAgain.Answer["__type"]!.GetValue<string>());
        Assert.Equal(2, _session.Emr.ThrottledByRateLimit);
    }

    [SuppressMessage("Reliability", "CA2000", Justification = "The client owns its handlers.")]
    private HttpClient NewClient(bool signed)
    {
        HttpMessageHandler handler = HttpHandlerFactory.Create(CertificateTrust.Resolve(new DictionaryEnvironment()));
        if (signed)
        {
            handler = AwsHttpCaller.CreateSigningHandler(new BasicAWSCredentials(FakeEmr.AccessKeyId, FakeEmr.SecretAccessKey), FakeEmr.Region, AwsService.Emr, handler);
        }

        return new HttpClient(handler) { BaseAddress = _session.Emr.BaseAddress };
    }

    private static HttpRequestMessage Message(string target, string body, string contentType)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        message.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return message;
    }

    private static async Task<(int Status, JsonObject Answer)> SendAsync(HttpClient client, string target, string body, string contentType = "application/x-amz-json-1.1")
    {
        using var message = Message(target, body, contentType);
        using var response = await client.SendAsync(message);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
