using System.Diagnostics;
using Amazon.Runtime;
using EmrStudio.SessionMappingHandler.Emr;
using EmrStudio.SessionMappingHandler.Tests.TestDoubles;
using EmrStudio.Testing.Emr;
using Xunit;

namespace EmrStudio.SessionMappingHandler.Tests.Emr;

public sealed class EmrClientTests
{
    private static CancellationToken Within(double seconds) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;

    [Fact]
    public async Task CreateThenGet_ByName_ReturnsBothIdentityMembersAndEpochTimes()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        await client.CreateStudioSessionMappingAsync(session.Input(session.Group, byName: true), Within(10));
        var detail = await client.GetStudioSessionMappingAsync(session.Key(session.Group), Within(10));

        Assert.Equal(FakeEmrSession.StudioId, detail.StudioId);
        Assert.Equal("GROUP", detail.IdentityType);
        Assert.Equal(session.Group.Id, detail.IdentityId);
        Assert.Equal("data-scientists", detail.IdentityName);
        Assert.Equal(FakeEmrSession.PolicyArn, detail.SessionPolicyArn);
        Assert.InRange(detail.CreationTime!.Value, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        Assert.NotNull(detail.LastModifiedTime);
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Update_ExistingMapping_ChangesThePolicy()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        await client.CreateStudioSessionMappingAsync(session.Input(session.User), Within(10));

        await client.UpdateStudioSessionMappingAsync(session.Input(session.User, byName: true, policyArn: FakeEmrSession.OtherPolicyArn), Within(10));

        var mapping = Assert.Single(session.Emr.Mappings);
        Assert.Equal(FakeEmrSession.OtherPolicyArn, mapping.SessionPolicyArn);
    }

    [Fact]
    public async Task Delete_ExistingMapping_RemovesItAndASecondDeleteIsNotFound()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        await client.CreateStudioSessionMappingAsync(session.Input(session.User), Within(10));

        await client.DeleteStudioSessionMappingAsync(session.Key(session.User, byName: true), Within(10));
        var again = await Assert.ThrowsAsync<EmrException>(() => client.DeleteStudioSessionMappingAsync(session.Key(session.User), Within(10)));

        Assert.Empty(session.Emr.Mappings);
        Assert.True(again.IsMappingNotFound);
        Assert.False(again.IsStudioNotFound);
        Assert.Equal(400, again.StatusCode);
        Assert.Equal(EmrErrors.InvalidRequest, again.ErrorType);
    }

    [Fact]
    public async Task Get_MissingMapping_IsMappingNotFound()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        var error = await Assert.ThrowsAsync<EmrException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User), Within(10)));

        Assert.True(error.IsMappingNotFound);
        Assert.Equal(EmrErrors.MappingNotFound, error.ErrorMessage);
    }

    [Fact]
    public async Task Get_UnknownStudio_IsStudioNotFound()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        var error = await Assert.ThrowsAsync<EmrException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User, studioId: "es-MISSING"), Within(10)));

        Assert.True(error.IsStudioNotFound);
        Assert.False(error.IsMappingNotFound);
    }

    [Fact]
    public async Task Create_ExistingMapping_IsAlreadyExistsAndConfirmed()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(session.Input(session.User), Within(10)));

        Assert.True(error.IsAlreadyExists);
        Assert.False(error.AfterUnconfirmedAttempt);
        Assert.False(error.IsRetryable);
        Assert.Equal(1, session.Emr.CountOf("CreateStudioSessionMapping"));
    }

    [Fact]
    public async Task Create_UnknownIdentityId_IsIdentityIdInvalid()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        var stranger = new FakeIdentity("USER", "nobody", Guid.NewGuid().ToString());

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(session.Input(stranger), Within(10)));

        Assert.Equal(EmrErrors.IdentityIdInvalid, error.ErrorMessage);
        Assert.True(error.IsInvalidRequest);
    }

    [Fact]
    public async Task Calls_UnderSixtyPercentThrottling_AllSucceed()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.ThrottleFraction = 0.6;

        await client.CreateStudioSessionMappingAsync(session.Input(session.User), Within(20));
        await client.UpdateStudioSessionMappingAsync(session.Input(session.User, policyArn: FakeEmrSession.OtherPolicyArn), Within(20));
        var detail = await client.GetStudioSessionMappingAsync(session.Key(session.User), Within(20));
        await client.DeleteStudioSessionMappingAsync(session.Key(session.User), Within(20));

        Assert.Equal(FakeEmrSession.OtherPolicyArn, detail.SessionPolicyArn);
        Assert.Empty(session.Emr.Mappings);
        Assert.True(session.Emr.Requests.Count > 4, "Throttling should have forced retries.");
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Get_AfterServerErrors_IsRetriedUntilItSucceeds()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("GetStudioSessionMapping", 3, FakeEmrFault.ServerError);

        var detail = await client.GetStudioSessionMappingAsync(session.Key(session.User), Within(10));

        Assert.Equal(session.User.Id, detail.IdentityId);
        Assert.Equal(4, session.Emr.CountOf("GetStudioSessionMapping"));
    }

    [Fact]
    public async Task Delete_AfterDroppedConnections_IsRetriedUntilItSucceeds()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("DeleteStudioSessionMapping", 2, FakeEmrFault.Drop);

        await client.DeleteStudioSessionMappingAsync(session.Key(session.User), Within(10));

        Assert.Empty(session.Emr.Mappings);
        Assert.Equal(3, session.Emr.CountOf("DeleteStudioSessionMapping"));
    }

    [Fact]
    public async Task Create_WhoseAnswerWasLost_EndsAlreadyExistsMarkedUnconfirmed()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.FailNext("CreateStudioSessionMapping", 1, FakeEmrFault.DropAfterApplying);

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(session.Input(session.User), Within(10)));

        Assert.True(error.IsAlreadyExists);
        Assert.True(error.AfterUnconfirmedAttempt);
        Assert.Single(session.Emr.Mappings);
    }

    [Fact]
    public async Task Create_AfterThrottlingOnly_AlreadyExistsIsConfirmed()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("CreateStudioSessionMapping", 2, FakeEmrFault.Throttle);

        var error = await Assert.ThrowsAsync<EmrException>(() => client.CreateStudioSessionMappingAsync(session.Input(session.User), Within(10)));

        Assert.True(error.IsAlreadyExists);
        Assert.False(error.AfterUnconfirmedAttempt);
    }

    [Fact]
    public async Task Get_WhileEmrIsDown_EndsWhenTheTokenEnds()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.Down = true;
        var watch = Stopwatch.StartNew();

        var ended = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User), Within(1.5)));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(4));
        var last = Assert.IsType<EmrException>(ended.InnerException);
        Assert.Equal(503, last.StatusCode);
        Assert.True(session.Emr.CountOf("GetStudioSessionMapping") > 1);
    }

    [Fact]
    public async Task Get_WhenAnswersStall_EachAttemptTimesOutAndTheCallEndsWithTheToken()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient(attemptTimeout: TimeSpan.FromMilliseconds(150));
        session.Emr.Delay = TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();

        var ended = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User), Within(1.2)));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.1), TimeSpan.FromSeconds(4));
        Assert.IsType<TimeoutException>(ended.InnerException);
        Assert.True(session.Emr.CountOf("GetStudioSessionMapping") >= 3, "A stalled attempt must give way to another.");
    }

    [Fact]
    public async Task Get_WhenStalledOnceThenAnswered_Succeeds()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient(attemptTimeout: TimeSpan.FromMilliseconds(200));
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.Delay = TimeSpan.FromSeconds(30);
        var first = client.GetStudioSessionMappingAsync(session.Key(session.User), Within(10));
        await Task.Delay(100);
        session.Emr.Delay = TimeSpan.Zero;

        var detail = await first;

        Assert.Equal(session.User.Id, detail.IdentityId);
    }

    [Fact]
    public async Task Requests_CarryTheJson11HeadersAndAValidSignature()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        await Assert.ThrowsAsync<EmrException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User, byName: true), Within(10)));

        var request = Assert.Single(session.Emr.Requests);
        Assert.Equal("GetStudioSessionMapping", request.Operation);
        Assert.Equal("ElasticMapReduce.GetStudioSessionMapping", request.Headers["X-Amz-Target"]);
        Assert.Equal("application/x-amz-json-1.1", request.Headers["Content-Type"]);
        Assert.StartsWith($"AWS4-HMAC-SHA256 Credential={FakeEmr.AccessKeyId}/", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("/us-east-1/elasticmapreduce/aws4_request", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.True(request.Headers.ContainsKey("X-Amz-Date"));
        Assert.Equal("alice", request.Body!["IdentityName"]!.GetValue<string>());
        Assert.False(request.Body.ContainsKey("IdentityId"));
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Request_SignedWithTheWrongSecret_IsRejectedAndNotRetried()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient(credentials: new BasicAWSCredentials(FakeEmr.AccessKeyId, "not-the-secret"));

        var error = await Assert.ThrowsAsync<EmrException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User), Within(10)));

        Assert.Equal("InvalidSignatureException", error.ErrorType);
        Assert.Equal(403, error.StatusCode);
        Assert.Single(session.Emr.Rejections);
        Assert.Single(session.Emr.Requests);
    }

    [Fact]
    public async Task EveryAttempt_IsLoggedWithoutCredentials()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);
        session.Emr.FailNext("GetStudioSessionMapping", 1, FakeEmrFault.Throttle);

        await client.GetStudioSessionMappingAsync(session.Key(session.User), Within(10));

        var lines = session.Log.Lines;
        Assert.Equal(2, lines.Count);
        Assert.Equal("GetStudioSessionMapping", lines[0].Fields["operation"]);
        Assert.Equal(1, lines[0].Fields["attempt"]);
        Assert.Equal(400, lines[0].Fields["httpStatus"]);
        Assert.Equal(EmrErrors.Throttling, lines[0].Fields["errorType"]);
        Assert.Equal(true, lines[0].Fields["retrying"]);
        Assert.IsType<long>(lines[0].Fields["durationMs"]);
        Assert.Equal(2, lines[1].Fields["attempt"]);
        Assert.Equal(200, lines[1].Fields["httpStatus"]);
        Assert.Equal(false, lines[1].Fields["retrying"]);
        var everything = string.Join('\n', lines.SelectMany(line => line.Fields.Select(field => $"{field.Key}={field.Value}")));
        Assert.DoesNotContain(FakeEmr.SecretAccessKey, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeEmr.AccessKeyId, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS4-HMAC-SHA256", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithAnAlreadyEndedToken_ThrowsWithoutSending()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStudioSessionMappingAsync(session.Key(session.User), new CancellationToken(canceled: true)));

        Assert.Empty(session.Emr.Requests);
    }

    [Theory]
    [InlineData("analysts")]
    [InlineData("Données & Analyse")]
    [InlineData("数据科学家")]
    [InlineData("team \U0001F680 rockets")]
    [InlineData("tab\there\r\nnew line")]
    [InlineData("quote\" back\\slash </script>")]
    public async Task CreateThenGet_AnyLegalName_RoundTripsSignedAndUnrejected(string name)
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        var group = session.Emr.AddGroup(name);

        await client.CreateStudioSessionMappingAsync(session.Input(group, byName: true), Within(10));
        var detail = await client.GetStudioSessionMappingAsync(session.Key(group), Within(10));

        Assert.Equal(name, detail.IdentityName);
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Create_LongestLegalStrings_AreNotRejected()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient();
        var group = session.Emr.AddGroup(new string('g', 256));
        var policy = "arn:aws:iam::123456789012:policy/" + new string('p', 256 - 33);

        await client.CreateStudioSessionMappingAsync(session.Input(group, byName: true, policyArn: policy), Within(10));

        Assert.Equal(policy, Assert.Single(session.Emr.Mappings).SessionPolicyArn);
        Assert.Empty(session.Emr.Rejections);
    }

    [Fact]
    public async Task Get_AfterAConnectTimeout_IsRetried()
    {
        await using var session = await FakeEmrSession.StartAsync();
        using var client = session.CreateClient(wrapConnections: inner => new ConnectTimeoutOnceHandler(inner));
        session.Emr.PutMapping(FakeEmrSession.StudioId, session.User, FakeEmrSession.PolicyArn);

        var detail = await client.GetStudioSessionMappingAsync(session.Key(session.User), Within(10));

        Assert.Equal(session.User.Id, detail.IdentityId);
        Assert.Equal("ConnectTimeout", session.Log.Lines[0].Fields["errorType"]);
        Assert.Equal(true, session.Log.Lines[0].Fields["retrying"]);
    }
}
